"""Alembic migrations of a service's database: the eventing tables plus the service's own.

Every service keeps its migrations in its own `migrations/versions` folder; the tables every
service keeps alike (outbox, inbox, erasure ledger, link cut-offs, request limits) come
from `eventing`'s folder as a separate branch, so no service repeats them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

_SCRIPT_LOCATION = Path(__file__).with_name("alembic")


def alembic_config(
    database_url: str, version_locations: Sequence[Path], target_metadata: Sequence[MetaData]
) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPT_LOCATION))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(map(str, version_locations)))
    # Passed as attributes, not options: options go through ConfigParser, which would
    # misread the '%' in URL-encoded database URLs.
    config.attributes["database_url"] = database_url
    config.attributes["target_metadata"] = list(target_metadata)
    return config


def upgrade(
    database_url: str, version_locations: Sequence[Path], target_metadata: Sequence[MetaData]
) -> None:
    """Bring the database to the newest revision of every branch."""
    command.upgrade(alembic_config(database_url, version_locations, target_metadata), "heads")
