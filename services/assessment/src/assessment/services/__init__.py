"""The assessment service's use cases, one per module, named by what it does: each runs one
transaction over the adapters and the domain, for every entrypoint that needs it."""
