"""The result shows what the other services report: the PDF and the meeting, once each."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select
from testkit.events import example
from testkit.web import bearer

from assessment.entrypoints.consumer import consumer_spec
from assessment.services.renew_resume_link import ResumeLinks
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.tables import inbox
from eventing.testing import running, wait_until
from eventing.worker import ConsumerWorker


def about(name: str, assessment_id: str, **changes: Any) -> Envelope:
    """The example event `name` about this assessment, with a fresh event id."""
    event = example(name)
    event.data.update(assessment_id=uuid.UUID(assessment_id), **changes)
    return event


@pytest.fixture
def submitted(client: FlaskClient, started: dict[str, str], complete_answers: dict) -> str:
    headers = bearer(started["token"])
    base = f"/api/v1/assessments/{started['id']}"
    saved = client.put(f"{base}/answers", json={"answers": complete_answers}, headers=headers)
    assert saved.status_code == 200
    assert client.post(f"{base}/submit", headers=headers).status_code == 200
    return started["id"]


@pytest.fixture
def worker(engine: Engine, kafka_settings: KafkaSettings) -> Iterator[KafkaPublisher]:
    """The assessment's consumer worker, in a group of its own for this test."""
    publisher = KafkaPublisher(kafka_settings)
    spec = dataclasses.replace(
        consumer_spec(engine, ResumeLinks("http://assessment.test", timedelta(days=90))),
        name=f"assessment-{uuid.uuid4().hex[:8]}",
    )
    try:
        with running(ConsumerWorker(spec, kafka_settings, publisher).run, spec.name):
            yield publisher
    finally:
        publisher.close()


def result(client: FlaskClient, started: dict[str, str]) -> dict[str, Any]:
    response = client.get(
        f"/api/v1/assessments/{started['id']}/result", headers=bearer(started["token"])
    )
    return response.json


def test_the_pdf_link_appears_once_the_report_is_generated(
    client, started, submitted, worker: KafkaPublisher, engine: Engine
):
    generated = about("report.generated.v1.machining", submitted, pages=14)

    worker.publish(generated)
    worker.publish(generated)  # delivered twice, as at-least-once delivery may

    wait_until(lambda: result(client, started)["report"]["status"] == "ready", what="the PDF")
    report = result(client, started)["report"]
    assert report == {
        "status": "ready",
        "download_url": generated.data["download_url"],
        "pages": 14,
    }
    with engine.connect() as connection:
        handled = connection.execute(
            select(func.count()).where(inbox.c.event_id == generated.event_id)
        ).scalar_one()
    assert handled == 1


def test_a_booked_then_cancelled_meeting_stays_cancelled_when_an_older_event_arrives_late(
    client, started, submitted, worker: KafkaPublisher
):
    booked = about("meeting.booked", submitted, sequence=0)
    meeting_id = booked.data["meeting_id"]
    cancelled = about("meeting.cancelled", submitted, meeting_id=meeting_id, sequence=1)
    late_move = about("meeting.rescheduled", submitted, meeting_id=meeting_id, sequence=1)

    worker.publish(booked)
    wait_until(lambda: result(client, started)["meeting"]["status"] == "booked", what="booking")
    assert result(client, started)["meeting"]["starts_at"] == booked.data["starts_at"].isoformat()
    worker.publish(cancelled)
    worker.publish(late_move)
    wait_until(lambda: result(client, started)["meeting"]["status"] == "cancelled", what="cancel")

    later = about("report.generated.v1.machining", submitted)  # a marker behind the two
    worker.publish(later)
    wait_until(lambda: result(client, started)["report"]["status"] == "ready", what="marker")
    assert result(client, started)["meeting"]["status"] == "cancelled"
