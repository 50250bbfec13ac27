"""The shared libraries' migrations build exactly the tables their code declares,
on SQLite and PostgreSQL, and a second run changes nothing."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

import eventing.migrations
import eventing.tables
import mailing.migrations
import mailing.tables
from servicekit.migrations import upgrade

LIBRARIES = {
    "eventing (outbox, parked outbox, inbox, erasure ledger, link cut-offs)": (
        eventing.migrations,
        eventing.tables,
    ),
    "mailing (mail outbox)": (mailing.migrations, mailing.tables),
}


@pytest.mark.parametrize(("migrations", "tables"), LIBRARIES.values(), ids=list(LIBRARIES))
def test_migrations_create_the_tables_as_the_code_declares_them(
    migrations, tables, database_url: str, engine: Engine
):
    upgrade(database_url, [migrations.VERSIONS], [tables.metadata])
    upgrade(database_url, [migrations.VERSIONS], [tables.metadata])

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.metadata)
    assert differences == []
