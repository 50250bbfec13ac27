"""Fixtures of the notifications tests: a database migrated by `notifications-migrate`."""

from __future__ import annotations

import pytest

from notifications.entrypoints import processes


@pytest.fixture
def migrated(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database brought up to date by the `notifications-migrate` console script's code."""
    monkeypatch.setenv("NOTIFICATIONS_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    processes.migrate()
    return database_url
