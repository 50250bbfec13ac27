"""Accounts, companies and form posts for the advisor desk tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from notifications_event_helpers import add_advisor
from sqlalchemy import Engine, update
from testkit.events import scored_event
from testkit.web import csrf_token
from werkzeug.test import TestResponse

from notifications.adapters import company_assessments
from notifications.adapters.advisor_store import find_by_email
from notifications.adapters.tables import company_assessments as company_table

PASSWORD = "Kaffee und Kuchen 2026"  # noqa: S105 - a test account


def account(engine: Engine, name: str, role: str = "advisor", **coverage: Any) -> str:
    """A desk account with PASSWORD; returns its address."""
    add_advisor(engine, name, role=role, password=PASSWORD, **coverage)
    return f"{name.lower().replace(' ', '.')}@cluster.example"


def company(engine: Engine, advisor_id: uuid.UUID | None, name: str, priority: float) -> uuid.UUID:
    """A scored company in the read model, assigned to `advisor_id`."""
    event = scored_event(
        company={"name": name}, contact={"email": f"{uuid.uuid4().hex[:8]}@firma.example"}
    )
    values = company_assessments.scored_values(event.data) | {"priority": priority}
    assessment_id = event.data["assessment_id"]
    with engine.begin() as connection:
        company_assessments.record_scored(connection, assessment_id, values)
        connection.execute(
            update(company_table)
            .where(company_table.c.assessment_id == assessment_id)
            .values(advisor_id=advisor_id, assigned_at=datetime.now(UTC))
        )
    return assessment_id


def log_in(client: FlaskClient, email: str, password: str = PASSWORD) -> TestResponse:
    token = csrf_token(client, "/desk/login")
    return client.post(
        "/desk/login", data={"csrf_token": token, "email": email, "password": password}
    )


def advisor_id_of(engine: Engine, email: str) -> uuid.UUID:
    with engine.connect() as connection:
        row = find_by_email(connection, email)
    assert row is not None
    return row.id
