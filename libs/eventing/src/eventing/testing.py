"""Helpers for tests of anything that speaks Kafka: example events, reading a topic, waiting."""

from __future__ import annotations

import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord

from eventing.admin import ensure_topics
from eventing.codec import encode, kafka_headers, kafka_key
from eventing.envelope import Envelope, new_envelope
from eventing.kafka_publisher import OutgoingMessage
from eventing.kafka_settings import KafkaSettings


def submitted_event(assessment_id: uuid.UUID | None = None) -> Envelope:
    assessment_id = assessment_id or uuid.uuid4()
    return new_envelope(
        "assessment.submitted",
        1,
        {
            "assessment_id": assessment_id,
            "company_id": uuid.uuid4(),
            "submitted_at": datetime.now(UTC),
            "language": "de",
            "questionnaire_version": "1",
        },
        producer="tests",
        correlation_id=str(assessment_id),
    )


def fresh_topic(settings: KafkaSettings, stem: str = "test", partitions: int = 2) -> str:
    """A new topic and its DLQ, so a test never sees what other tests left on the broker."""
    name = f"{stem}-{uuid.uuid4().hex[:10]}"
    ensure_topics(settings, {name: partitions, f"{name}-dlq": 1})
    return name


def to_topic(topic: str, envelope: Envelope) -> OutgoingMessage:
    return OutgoingMessage(topic, kafka_key(envelope), encode(envelope), kafka_headers(envelope))


def read_all(
    settings: KafkaSettings, topic: str, expected: int, timeout_s: float = 20
) -> list[ConsumerRecord]:
    """Every record on the topic, read without a group, once `expected` have arrived."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=settings.bootstrap_servers.split(","),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=20,
        consumer_timeout_ms=1_000,
    )
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    try:
        while len(records) < expected and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
        # Whatever else is there (duplicates) arrives within another short poll.
        for batch in consumer.poll(timeout_ms=500).values():
            records.extend(batch)
    finally:
        consumer.close(autocommit=False)
    return records


def wait_until(condition: Callable[[], bool], timeout_s: float = 20, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out waiting for {what or condition}\n{_other_threads_stacks()}"
            )
        time.sleep(0.05)


def _other_threads_stacks() -> str:
    """Where every other thread stands: a wait that times out on a stuck client says where."""
    frames = sys._current_frames()
    parts = []
    for thread in threading.enumerate():
        frame = frames.get(thread.ident or -1)
        if thread is threading.current_thread() or frame is None:
            continue
        parts.append(f"thread {thread.name}:\n{''.join(traceback.format_stack(frame)[-12:])}")
    return "\n".join(parts)


@contextmanager
def running(loop: Callable[[threading.Event], None], name: str) -> Iterator[None]:
    """Run a worker or relay loop on a thread for the duration of the block, then stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=loop, args=(stop,), name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
        if thread.is_alive():
            raise RuntimeError(f"{name} did not stop within 30 s")
