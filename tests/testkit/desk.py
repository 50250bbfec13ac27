"""Desk accounts for tests that sign in as staff."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Engine

from notifications.adapters.advisor_store import Coverage, create_account

PASSWORD = "Kaffee und Kuchen 2026"  # noqa: S105 - a test account


def add_account(engine: Engine, name: str, role: str = "advisor") -> tuple[uuid.UUID, str]:
    """A desk account with PASSWORD; returns its id and address."""
    email = f"{name.lower().replace(' ', '.')}@cluster.example"
    with engine.begin() as connection:
        account_id = create_account(
            connection,
            name=name,
            email=email,
            role=role,
            password=PASSWORD,
            coverage=Coverage((), (), active=True),
            now=datetime.now(UTC),
        )
    return account_id, email
