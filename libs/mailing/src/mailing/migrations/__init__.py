"""Alembic revisions of the mail outbox (branch `mailing`): a service that sends mail adds
`VERSIONS` to its version locations and `mailing.tables.metadata` to its metadata."""

from __future__ import annotations

from pathlib import Path

VERSIONS = Path(__file__).with_name("versions")
