"""Helpers for tests of the event plumbing against the real local broker."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic, running
from eventing.worker import ConsumerSpec, ConsumerWorker, RetryPolicy
from servicekit.health import HealthFile


@pytest.fixture
def topic(kafka_settings: KafkaSettings) -> str:
    return fresh_topic(kafka_settings)


@pytest.fixture
def start_worker(
    kafka_settings: KafkaSettings, publisher: KafkaPublisher
) -> Iterator[Callable[..., None]]:
    """Start consumer workers on threads; all are stopped when the test ends."""

    def start(
        topic: str, handlers: dict, *, group: str | None = None, health: HealthFile | None = None
    ) -> None:
        spec = ConsumerSpec(
            name=group or f"group-{uuid.uuid4().hex[:8]}", topics=(topic,), handlers=handlers
        )
        retry = RetryPolicy(first_backoff_s=0.05, max_backoff_s=0.2, unclassified_attempts=3)
        worker = ConsumerWorker(spec, kafka_settings, publisher, retry=retry, health=health)
        workers.enter_context(running(worker.run, spec.name))

    with ExitStack() as workers:
        yield start
