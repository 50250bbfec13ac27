"""The notifications service's use cases, one per module, named by what it does."""
