"""Alembic revisions of this service's own tables (the outbox, inbox, erasure ledger and link
cut-offs come from eventing)."""
