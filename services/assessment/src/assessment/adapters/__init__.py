"""Adapters of the assessment service, thin and named after what they speak to: its database
tables and store, the events on the wire, the resume mail, tokens, Prometheus gauges."""
