"""Data for the booking tests: advisors with availability, companies in the read model (as
the consumer writes them from assessment.scored), booking tokens, and what was written."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from eventing.tables import outbox
from mailing.tables import mail_outbox
from notifications.adapters.tables import (
    advisors,
    company_assessments,
    meetings,
    weekly_availability,
)
from servicekit.booking_links import PURPOSE, BookingLinks
from servicekit.signed_tokens import SigningKeys, sign

LINKS = BookingLinks("http://notifications.test", SigningKeys("booking-test-secret"))


def add_advisor(
    engine: Engine,
    *,
    name: str = "Anna Berger",
    districts: tuple[str, ...] = ("bamberg_land",),
    meeting_minutes: int = 60,
    buffer_minutes: int = 0,
    hours: tuple[time, time] = (time(0), time(23, 0)),
) -> uuid.UUID:
    """An active advisor available every day (so tests never depend on the weekday they run)."""
    advisor_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(
            insert(advisors).values(
                id=advisor_id,
                name=name,
                email=f"{name.split()[0].lower()}-{advisor_id.hex[:6]}@cluster.example.org",
                role="advisor",
                districts=list(districts),
                topics=["strategy"],
                timezone="Europe/Berlin",
                meeting_minutes=meeting_minutes,
                buffer_minutes=buffer_minutes,
                active=True,
                created_at=datetime.now(UTC),
            )
        )
        connection.execute(
            insert(weekly_availability),
            [
                {
                    "id": uuid.uuid4(),
                    "advisor_id": advisor_id,
                    "weekday": weekday,
                    "starts": hours[0],
                    "ends": hours[1],
                }
                for weekday in range(7)
            ],
        )
    return advisor_id


def add_company(
    engine: Engine,
    *,
    name: str = "Muster Präzision GmbH",
    district: str = "bamberg_land",
    language: str = "de",
    advisor_id: uuid.UUID | None = None,
    contact_email: str = "erika.muster@example.com",
) -> uuid.UUID:
    """A scored assessment in the read model, as the consumer stores it."""
    assessment_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(
            insert(company_assessments).values(
                assessment_id=assessment_id,
                company_id=uuid.uuid4(),
                company_name=name,
                district=district,
                employees="50_249",
                main_segment="passenger_cars",
                contact_name="Erika Muster",
                contact_email=contact_email,
                language=language,
                advisor_sharing=True,
                assessment_class="A",
                exposure=72.0,
                exposure_level="hoch",
                readiness=31.0,
                readiness_level="entwickler",
                priority=80.0,
                priority_label="dringend",
                top_gaps=[],
                scored_at=datetime.now(UTC),
                advisor_id=advisor_id,
                assigned_at=None if advisor_id is None else datetime.now(UTC),
            )
        )
    return assessment_id


def add_meeting(
    connection: Connection,
    assessment_id: uuid.UUID,
    advisor_id: uuid.UUID,
    starts_at: datetime,
    *,
    written_at: datetime | None = None,
) -> None:
    """An hour's active meeting, written (in the caller's transaction) as a booking is."""
    written_at = written_at or datetime.now(UTC)
    connection.execute(
        insert(meetings).values(
            id=uuid.uuid4(),
            assessment_id=assessment_id,
            advisor_id=advisor_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            timezone="Europe/Berlin",
            status="booked",
            sequence=0,
            created_at=written_at,
            updated_at=written_at,
        )
    )


def token_for(
    assessment_id: uuid.UUID,
    *,
    valid_for: timedelta = timedelta(days=30),
    issued_at: datetime | None = None,
    now: datetime | None = None,
) -> str:
    """The token of the company's booking link (as the assessment service mints it), issued
    now (the real time unless `now` says otherwise) unless said otherwise."""
    now = now or datetime.now(UTC)
    return sign(
        LINKS.keys,
        PURPOSE,
        str(assessment_id),
        issued_at=issued_at or now,
        expires_at=now + valid_for,
    )


def outbox_events(engine: Engine, event_type: str | None = None) -> list[dict[str, Any]]:
    query = select(outbox.c.event_type, outbox.c.message_key, outbox.c.payload).order_by(
        outbox.c.seq
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    events = [
        {"type": row.event_type, "key": row.message_key, **json.loads(row.payload)} for row in rows
    ]
    return [event for event in events if event_type in (None, event["type"])]


def mail_rows(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return connection.execute(select(mail_outbox).order_by(mail_outbox.c.created_at)).all()


def meeting_rows(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return connection.execute(select(meetings)).all()
