"""Fixtures every test tier shares: databases (SQLite always, PostgreSQL when configured).

Set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) and every
database test runs on PostgreSQL as well as on SQLite; each PostgreSQL test gets a schema
of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from servicekit.db import make_engine

pytest_plugins = ["devstack.pytest_plugin"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def _database_kinds() -> list[str]:
    return ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder (unit, integration, contract, e2e); refuse other folders."""
    for item in items:
        tier = Path(item.path).relative_to(Path(__file__).parent).parts[0]
        if tier not in {"unit", "integration", "contract", "e2e"}:
            raise RuntimeError(f"test outside a tier folder: {item.nodeid}")
        item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(params=_database_kinds())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, on SQLite and (if configured) on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    try:
        yield f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()
