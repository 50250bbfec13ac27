"""Alembic revisions of the tables in eventing.tables (branch `eventing`): outbox, inbox,
erasure ledger and link cut-offs, in every service's database."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from eventing.tables import metadata
from servicekit.migrations import upgrade
from servicekit.settings import database_url_from_env

VERSIONS = Path(__file__).with_name("versions")


def upgrade_service_database(service: str, version_locations: Sequence[Path]) -> None:
    """`<service>-migrate`: bring the service's database to the newest revision of every
    folder in `version_locations` (this one's among them, see ServiceProcesses)."""
    upgrade(database_url_from_env(service, os.environ), version_locations, [metadata])
