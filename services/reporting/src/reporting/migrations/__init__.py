"""Alembic revisions of this service's own tables (the outbox and inbox come from eventing)."""
