"""The eventing migrations build exactly the tables the code uses, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from eventing.migrations import VERSIONS
from eventing.tables import metadata
from servicekit.migrations import upgrade


def test_migrations_create_the_outbox_and_inbox_as_the_code_declares_them(
    database_url: str, engine: Engine
):
    upgrade(database_url, [VERSIONS], [metadata])
    upgrade(database_url, [VERSIONS], [metadata])  # a second run changes nothing

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
