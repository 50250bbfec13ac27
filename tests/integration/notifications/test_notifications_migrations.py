"""The notifications migrations build exactly the tables the code declares, beside the
outbox, the inbox and the mail outbox."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from eventing.tables import metadata as eventing_metadata
from mailing.tables import metadata as mailing_metadata
from notifications.adapters.tables import metadata
from notifications.entrypoints import processes


def test_migrate_creates_the_notifications_tables_as_the_code_declares_them(
    migrated: str, engine: Engine
):
    processes.migrate()  # a second run changes nothing

    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, [eventing_metadata, mailing_metadata, metadata])
    assert differences == []
    assert {"advisors", "meetings", "company_assessments", "outbox", "mail_outbox"} <= set(
        inspect(engine).get_table_names()
    )
