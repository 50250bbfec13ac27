"""Alembic revisions of the tables in eventing.tables (branch `eventing`): outbox, inbox,
erasure ledger and link cut-offs, in every service's database."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import MetaData

from eventing.tables import metadata
from servicekit.migrations import upgrade
from servicekit.settings import database_url_from_env

VERSIONS = Path(__file__).with_name("versions")


def upgrade_service_database(
    service: str,
    service_versions: Path,
    service_metadata: Sequence[MetaData] = (),
    more_versions: Sequence[Path] = (),
) -> None:
    """`<service>-migrate`: bring the service's database to the newest revision.

    `more_versions`: revision folders of further libraries the service uses, each a branch of
    its own (e.g. `mailing.migrations.VERSIONS`).
    """
    upgrade(
        database_url_from_env(service, os.environ),
        [VERSIONS, *more_versions, service_versions],
        [metadata, *service_metadata],
    )
