"""Helpers of the privacy tests: the services' databases, a hand-driven relay to a test's
own topics, and a search of every table for a company's traces."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Engine, MetaData, delete, insert, select
from testkit.web import bearer

from assessment.services.renew_resume_link import ResumeLinks
from assessment.testing import COMPLETE_ANSWERS
from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.tables import outbox
from eventing.testing import to_topic
from eventing.topics import topic_for
from reporting.adapters.tables import reports

BOOKING_LINK_SECRET = "privacy-booking-secret"  # noqa: S105 - a test value
# The resume links the assessment worker mails after an admin revoked a company's links.
RESUME_LINKS = ResumeLinks("http://assessment.test", timedelta(days=90))

START_BODY: dict[str, Any] = {
    "language": "de",
    "company": {
        "name": "Löschbar Drehteile GmbH",
        "employees": "50_249",
        "revenue_band": "10m_50m",
        "district": "bamberg_land",
    },
    "contact": {"name": "Greta Vergessen", "email": "greta.vergessen@loeschbar.example"},
    "consents": {"processing": True, "advisor_sharing": True, "benchmarking": True},
}


@dataclass(frozen=True)
class Services:
    engines: dict[str, Engine]
    storage_dir: Path  # the reporting service's PDFs


def add_failed_report(engine: Engine, assessment_id: uuid.UUID, company_id: uuid.UUID) -> None:
    """A report of the company in the reporting service whose rendering failed: what its
    part of the export holds, without rendering a PDF."""
    with engine.begin() as connection:
        connection.execute(
            insert(reports).values(
                id=uuid.uuid4(),
                assessment_id=assessment_id,
                company_id=company_id,
                status="failed",
                language="de",
                attempts=3,
                failure="render timeout",
                created_at=datetime.now(UTC),
            )
        )


def submit_assessment(services: Services, app: Flask) -> tuple[dict[str, str], Envelope]:
    """A company's assessment, started and submitted in the assessment `app`: the answer to
    its start (id, token) and its `assessment.scored`, taken from the outbox with the rest."""
    client = app.test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    path = f"/api/v1/assessments/{started['id']}"
    headers = bearer(started["token"])
    answered = client.put(f"{path}/answers", json={"answers": COMPLETE_ANSWERS}, headers=headers)
    assert answered.status_code == 200
    assert client.post(f"{path}/submit", headers=headers).status_code == 200
    events = take_outbox(services.engines["assessment"])
    [scored] = [e for e in events if e.event_type == "assessment.scored"]
    return started, scored


def take_outbox(engine: Engine) -> list[Envelope]:
    """The service's unpublished events, removed from its outbox (as its relay would)."""
    with engine.begin() as connection:
        rows = connection.execute(select(outbox).order_by(outbox.c.seq)).all()
        connection.execute(delete(outbox).where(outbox.c.seq.in_([row.seq for row in rows])))
    return [decode(row.payload.encode()) for row in rows]


def relay(engine: Engine, publisher: KafkaPublisher, topics: dict[str, str]) -> list[Envelope]:
    """Publish the service's outbox to the test's stand-ins of the topics."""
    events = take_outbox(engine)
    messages = [to_topic(topics[topic_for(e.event_type).name], e) for e in events]
    assert publisher.send_batch(messages) == [None] * len(messages)
    return events


def again(event: Envelope) -> Envelope:
    """The same event as a replay would bring it (a consumer-group reset, a DLQ replay):
    the same data, which the inbox would not stop if the event id was not seen before."""
    return dataclasses.replace(event, event_id=uuid.uuid4())


def traces(engine: Engine, *needles: str, allowed: dict[str, set[str]]) -> list[str]:
    """Every `table.column` holding one of `needles` (compared as text, case-insensitive),
    except the columns `allowed` lists per table."""
    metadata = MetaData()
    metadata.reflect(engine)
    found = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    text = str(value).lower().replace("-", "")
                    if column in allowed.get(table.name, set()):
                        continue
                    if any(n.lower().replace("-", "") in text for n in needles):
                        found.append(f"{table.name}.{column}")
    return found
