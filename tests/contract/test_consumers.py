"""Each service's consumer, as its worker builds it from the environment, subscribes exactly
the topics the registry names it a consumer of, and handles only registered events that
travel on them: an event type renamed in one place fails here, not in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from testkit.processes import service_processes

from eventing.schemas import EVENTS
from eventing.topics import TOPICS, topic_for
from eventing.worker import ConsumerSpec

pytestmark = pytest.mark.contract

SERVICES = ("assessment", "reporting", "notifications")


def _worker_consumer(service: str, monkeypatch: pytest.MonkeyPatch, tmp: Path) -> ConsumerSpec:
    for name, value in {
        "SECRET_KEY": "contract-test",
        "BOOKING_LINK_SECRET": "contract-test",
        "REPORTING_STORAGE_DIR": str(tmp),
    }.items():
        monkeypatch.setenv(name, value)
    processes = service_processes(service)
    assert processes.consumer is not None, f"{service} has no worker"
    return processes.consumer(create_engine("sqlite://"))


@pytest.mark.parametrize("service", SERVICES)
def test_a_consumer_subscribes_what_the_registry_says_and_handles_only_registered_events(
    service: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = _worker_consumer(service, monkeypatch, tmp_path)
    handled_types = {event_type for event_type, _ in spec.handlers}

    assert spec.name == service
    assert sorted(spec.topics) == sorted(
        topic.name for topic in TOPICS.values() if service in topic.consumers
    )
    assert set(spec.handlers) <= set(EVENTS), set(spec.handlers) - set(EVENTS)
    assert {topic_for(event_type).name for event_type in handled_types} <= set(spec.topics)
    # A subscription with nothing to handle on it would only read and skip.
    for topic in spec.topics:
        assert handled_types & set(TOPICS[topic].event_types), f"{service} reads {topic} idly"
