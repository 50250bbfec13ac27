"""The consumer worker over the real local broker: handling, redelivery, dead letters, retries."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import sessionmaker

from eventing.codec import decode, encode
from eventing.envelope import Envelope
from eventing.inbox import apply_once
from eventing.kafka_publisher import OutgoingMessage
from eventing.kafka_settings import KafkaSettings
from eventing.tables import inbox, metadata
from eventing.testing import read_all, submitted_event, to_topic, wait_until
from eventing.worker import TransientError
from servicekit.health import HealthFile, is_fresh

SUBMITTED = ("assessment.submitted", 1)


def test_handles_each_published_event_in_order_per_assessment_and_reports_health(
    topic, publisher, start_worker, tmp_path: Path
):
    assessment_id = uuid.uuid4()
    events = [submitted_event(assessment_id) for _ in range(5)]
    seen: list[Envelope] = []
    health_path = tmp_path / "worker.health"
    start_worker(topic, {SUBMITTED: seen.append}, health=HealthFile(health_path))

    assert publisher.send_batch([to_topic(topic, event) for event in events]) == [None] * 5

    wait_until(lambda: len(seen) == 5, what="five events handled")
    assert seen == events
    assert is_fresh(health_path, max_age_s=5)


def test_redelivered_event_has_its_effect_once(topic, publisher, start_worker, engine: Engine):
    metadata.create_all(engine)
    effects: list[uuid.UUID] = []
    handler = apply_once(
        sessionmaker(engine), "test-consumer", lambda _session, env: effects.append(env.event_id)
    )
    start_worker(topic, {SUBMITTED: handler})
    event = submitted_event()

    publisher.send_batch([to_topic(topic, event), to_topic(topic, event)])

    wait_until(lambda: _inbox_rows(engine) == 1, what="inbox row")
    later = submitted_event(event.data["assessment_id"])
    publisher.send_batch([to_topic(topic, later)])
    wait_until(lambda: len(effects) == 2, what="the later event's effect")
    assert effects == [event.event_id, later.event_id]


def test_malformed_and_unknown_version_go_to_the_dlq_and_the_worker_goes_on(
    topic, publisher, start_worker, kafka_settings: KafkaSettings
):
    seen: list[Envelope] = []
    start_worker(topic, {SUBMITTED: seen.append})
    good = submitted_event()
    future_version = json.loads(encode(submitted_event()))
    future_version["version"] = 9
    key = str(good.data["assessment_id"]).encode()
    headers = [("event_type", b"assessment.submitted")]

    publisher.send_batch(
        [
            OutgoingMessage(topic, key, b"{not json", []),
            OutgoingMessage(topic, key, json.dumps(future_version).encode(), headers),
            to_topic(topic, good),
        ]
    )

    wait_until(lambda: seen == [good], what="the good event after two bad ones")
    dead = read_all(kafka_settings, f"{topic}-dlq", expected=2)
    reasons = [dict(record.headers) for record in dead]
    assert [r["dlq.error.class"] for r in reasons] == [b"InvalidMessage", b"InvalidMessage"]
    assert b"not JSON" in reasons[0]["dlq.error.message"]
    assert b"unknown version 9" in reasons[1]["dlq.error.message"]
    assert {r["dlq.original.topic"] for r in reasons} == {topic.encode()}
    assert dead[0].value == b"{not json"


def test_unknown_event_types_and_tombstones_are_skipped_not_dead_lettered(
    topic, publisher, start_worker, kafka_settings: KafkaSettings
):
    seen: list[Envelope] = []
    start_worker(topic, {SUBMITTED: seen.append})
    newer = json.loads(encode(submitted_event()))
    newer["event_type"] = "assessment.archived"
    good = submitted_event()

    publisher.send_batch(
        [
            OutgoingMessage(topic, b"k", json.dumps(newer).encode(), []),
            OutgoingMessage(topic, b"k", None, []),  # type: ignore[arg-type]
            to_topic(topic, good),
        ]
    )

    wait_until(lambda: seen == [good], what="the good event")
    assert read_all(kafka_settings, f"{topic}-dlq", expected=0, timeout_s=1) == []


def test_transient_failure_is_retried_until_it_succeeds_without_skipping(
    topic, publisher, start_worker
):
    failures_left = [3]
    handled: list[Envelope] = []

    def flaky(envelope: Envelope) -> None:
        if failures_left[0]:
            failures_left[0] -= 1
            raise TransientError("database restarting")
        handled.append(envelope)

    start_worker(topic, {SUBMITTED: flaky})
    first, second = submitted_event(), submitted_event()
    key = b"same-partition"
    publisher.send_batch([OutgoingMessage(topic, key, encode(e), []) for e in (first, second)])

    wait_until(lambda: len(handled) == 2, what="both events after the retries")
    assert handled == [first, second]


def test_a_handler_that_keeps_failing_is_dead_lettered_after_bounded_attempts(
    topic, publisher, start_worker, kafka_settings: KafkaSettings
):
    attempts: list[uuid.UUID] = []
    after: list[Envelope] = []

    def broken(envelope: Envelope) -> None:
        if envelope.data["questionnaire_version"] == "broken":
            attempts.append(envelope.event_id)
            raise ValueError("a bug in the handler")
        after.append(envelope)

    start_worker(topic, {SUBMITTED: broken})
    poison = submitted_event()
    poison.data["questionnaire_version"] = "broken"
    good = submitted_event()
    key = b"same-partition"
    publisher.send_batch([OutgoingMessage(topic, key, encode(e), []) for e in (poison, good)])

    wait_until(lambda: after == [good], what="the event behind the poison one")
    assert len(attempts) == 3
    [dead] = read_all(kafka_settings, f"{topic}-dlq", expected=1)
    assert decode(dead.value) == poison
    assert dict(dead.headers)["dlq.error.class"] == b"ValueError"


def _inbox_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(inbox)).scalar_one()
