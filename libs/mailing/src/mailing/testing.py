"""For tests of a service's migration that fills in the owners of older mails."""

from __future__ import annotations

from alembic import command

from eventing import migrations as eventing_migrations
from eventing.processes import ServiceProcesses
from servicekit.migrations import alembic_config


def back_to_mails_without_owners(database_url: str, processes: ServiceProcesses) -> None:
    """Take the service's database back to before mailing_0003 (and the service's revision
    that depends on it): the mails lose their owners, as they were before they had any."""
    locations = [eventing_migrations.VERSIONS, *processes.more_migrations, processes.migrations]
    command.downgrade(alembic_config(database_url, locations, []), "mailing_0002")
