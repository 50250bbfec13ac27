"""Constants, companies and advisor logins of the security tests."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, time
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, insert, update

# Re-exported: the security tests sign in with these.
from testkit.desk import PASSWORD as PASSWORD
from testkit.desk import add_account as add_account
from testkit.web import csrf_token

from assessment.testing import START_BODY
from eventing.envelope import Envelope
from notifications.adapters import company_assessments
from notifications.adapters.tables import company_assessments as company_table
from notifications.adapters.tables import weekly_availability
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION

SECRET = "security-test-secret"  # noqa: S105 - a test value
ASSESSMENT_URL = "http://assessment.test"
REPORTING_URL = "http://reporting.test"
NOTIFICATIONS_URL = "http://notifications.test"
BOOKING_LINKS = BookingLinks(NOTIFICATIONS_URL, SigningKeys("security-booking-secret"))


def service_settings(service: str, database_url: str, public_url: str) -> ServiceSettings:
    return ServiceSettings.from_env(
        service,
        {
            f"{service.upper()}_DATABASE_URL": database_url,
            f"PUBLIC_BASE_URL_{service.upper()}": public_url,
            "SECRET_KEY": SECRET,
        },
    )


def engine_of(app: Flask) -> Engine:
    return app.extensions[ENGINE_EXTENSION]


def start_body(**company: str) -> dict[str, Any]:
    body = copy.deepcopy(START_BODY)
    body["company"].update(company)
    return body


def available_all_week(engine: Engine, advisor_id: uuid.UUID) -> None:
    """Free every day from midnight to 23:00, so a test books whatever the weekday."""
    with engine.begin() as connection:
        connection.execute(
            insert(weekly_availability),
            [
                {
                    "id": uuid.uuid4(),
                    "advisor_id": advisor_id,
                    "weekday": day,
                    "starts": time(0),
                    "ends": time(23),
                }
                for day in range(7)
            ],
        )


def add_company(engine: Engine, advisor_id: uuid.UUID | None, scored: Envelope) -> uuid.UUID:
    """The scored company in the notifications read model, assigned to `advisor_id`."""
    values = company_assessments.scored_values(scored.data)
    assessment_id = scored.data["assessment_id"]
    with engine.begin() as connection:
        company_assessments.record_scored(connection, assessment_id, values)
        connection.execute(
            update(company_table)
            .where(company_table.c.assessment_id == assessment_id)
            .values(advisor_id=advisor_id, assigned_at=datetime.now(UTC))
        )
    return assessment_id


def log_in(client: FlaskClient, email: str) -> None:
    token = csrf_token(client, "/desk/login")
    response = client.post(
        "/desk/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status_code in {302, 303}, response.get_data(as_text=True)[:500]
