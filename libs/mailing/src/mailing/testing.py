"""For tests of a service's migration that fills in the owners of older mails."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command

from servicekit.migrations import alembic_config


def back_to_mails_without_owners(database_url: str, version_locations: Sequence[Path]) -> None:
    """Take the service's database (its revision folders: ServiceProcesses.version_locations)
    back to before mailing_0003 (and the service's revision that depends on it): the mails
    lose their owners, as they were before they had any."""
    command.downgrade(alembic_config(database_url, version_locations, []), "mailing_0002")
