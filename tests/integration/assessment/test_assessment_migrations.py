"""The assessment migrations build exactly the tables the code declares, beside the outbox
and the mail outbox."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from assessment.adapters.tables import metadata
from assessment.entrypoints import processes
from eventing.tables import metadata as eventing_metadata
from mailing.tables import metadata as mailing_metadata


def test_migrate_creates_the_assessment_tables_as_the_code_declares_them(
    migrated: str, engine: Engine
):
    processes.migrate()  # a second run changes nothing

    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, [eventing_metadata, mailing_metadata, metadata])
    assert differences == []
    assert {"companies", "assessments", "outbox", "inbox", "mail_outbox"} <= set(
        inspect(engine).get_table_names()
    )
