"""Helpers for tests of the event plumbing against the real local broker."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest

from eventing.admin import ensure_topics
from eventing.health import HealthFile
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.worker import ConsumerSpec, ConsumerWorker, RetryPolicy


@pytest.fixture
def topic(kafka_settings: KafkaSettings) -> str:
    """A fresh topic (and its DLQ) per test, so tests never see each other's messages."""
    name = f"test-{uuid.uuid4().hex[:10]}"
    ensure_topics(kafka_settings, {name: 2, f"{name}-dlq": 1})
    return name


@pytest.fixture
def publisher(kafka_settings: KafkaSettings) -> Iterator[KafkaPublisher]:
    publisher = KafkaPublisher(kafka_settings)
    yield publisher
    publisher.close()


class RunningWorker:
    """A consumer worker on a thread of the test process."""

    def __init__(self, worker: ConsumerWorker) -> None:
        self.stop = threading.Event()
        self._thread = threading.Thread(target=worker.run, args=(self.stop,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=30)
        assert not self._thread.is_alive(), "worker did not stop"


@pytest.fixture
def start_worker(
    kafka_settings: KafkaSettings, publisher: KafkaPublisher
) -> Iterator[Callable[..., RunningWorker]]:
    running: list[RunningWorker] = []

    def start(
        topic: str, handlers: dict, *, group: str | None = None, health: HealthFile | None = None
    ) -> RunningWorker:
        spec = ConsumerSpec(
            name=group or f"group-{uuid.uuid4().hex[:8]}", topics=(topic,), handlers=handlers
        )
        retry = RetryPolicy(first_backoff_s=0.05, max_backoff_s=0.2, unclassified_attempts=3)
        worker = ConsumerWorker(spec, kafka_settings, publisher, retry=retry, health=health)
        running.append(RunningWorker(worker))
        return running[-1]

    yield start
    for worker in running:
        worker.close()
