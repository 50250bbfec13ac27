"""Adapters of the assessment service: its database tables and what reads and writes them."""
