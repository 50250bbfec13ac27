"""Publisher and consumer worker across a restart of a broker that keeps nothing (Tansu,
memory only).

After the restart every topic starts again at offset 0 while the worker's members still hold
their old fetch positions, and a topic may come back auto-created with Tansu's own partition
count; nothing confirmed may be lost. The tests run their own broker, since restarting the
session's broker would empty it under other tests.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from devstack.broker import LocalBroker
from devstack.ports import free_port
from eventing.admin import ensure_topics
from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.inbox import Outcome, apply_once
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.kafka_settings import KafkaSettings
from eventing.tables import metadata
from eventing.testing import read_all, running, submitted_event, to_topic, wait_until
from eventing.topics import ASSESSMENT_EVENTS
from eventing.worker import ConsumerSpec, ConsumerWorker, RetryPolicy

pytestmark = pytest.mark.integration

SUBMITTED = ("assessment.submitted", 1)
TOPIC = ASSESSMENT_EVENTS.name  # in the registry: the publisher re-creates it after a restart
# Enough records before the restart that every partition's position is well past 0.
BEFORE_RESTART = 30


@pytest.fixture
def tansu(tmp_path: Path) -> Iterator[LocalBroker]:
    """Tansu whatever broker the run uses: its forgetting restart is what is tested here."""
    with LocalBroker(free_port(), log_dir=tmp_path) as broker:
        yield broker


def test_a_worker_reads_what_is_published_after_the_broker_lost_everything(
    tansu: LocalBroker, engine: Engine
):
    settings = KafkaSettings(tansu.bootstrap_servers, profile="tansu", client_id="restart")
    ensure_topics(settings)
    publisher = KafkaPublisher(settings)
    # Through the inbox, as every service consumes: a record handled just before the group
    # notices the restart has its commit refused and comes again (at least once), and the
    # inbox keeps that repeat from having an effect.
    metadata.create_all(engine)
    handled: list[Envelope] = []
    effects: list[uuid.UUID] = []
    apply = apply_once(
        sessionmaker(engine), "restart-test", lambda _session, env: effects.append(env.event_id)
    )

    def handle(envelope: Envelope) -> Outcome:
        handled.append(envelope)
        return apply(envelope)

    spec = ConsumerSpec(name="restart-test", topics=(TOPIC,), handlers={SUBMITTED: handle})
    worker = ConsumerWorker(
        spec, settings, publisher, retry=RetryPolicy(first_backoff_s=0.1, max_backoff_s=1)
    )
    try:
        with running(worker.run, spec.name):
            before = [submitted_event() for _ in range(BEFORE_RESTART)]
            _publish(publisher, [to_topic(TOPIC, event) for event in before])
            wait_until(lambda: len(handled) >= BEFORE_RESTART, 30, "the events before")

            tansu.restart()
            after = [submitted_event() for _ in range(5)]
            _publish(publisher, [to_topic(TOPIC, event) for event in after])

            wanted = {event.event_id for event in after}
            wait_until(
                lambda: wanted <= {event.event_id for event in handled},
                60,
                "the events published after the restart",
            )
            # Barrier: the group committed past every record now on the topic. A worker
            # handles a record before it commits it, so a rewind would show by then.
            wait_until(
                lambda: _committed_past_all(settings, spec.name, len(after)),
                30,
                "the worker to commit past the events after the restart",
            )
        # The old positions skip nothing: each event has its effect exactly once.
        assert Counter(effects) == Counter(event.event_id for event in before + after)
        # The log before the restart is gone, so nothing of it can come again.
        deliveries = Counter(event.event_id for event in handled)
        assert [deliveries[event.event_id] for event in before] == [1] * BEFORE_RESTART
    finally:
        publisher.close()


def test_no_confirmed_event_is_lost_when_the_topic_comes_back_with_fewer_partitions(
    tansu: LocalBroker,
):
    settings = KafkaSettings(tansu.bootstrap_servers, profile="tansu", client_id="restart")
    ensure_topics(settings)
    publisher = KafkaPublisher(settings)
    try:
        # The producer learns the registry's six partitions.
        _publish(publisher, [to_topic(TOPIC, submitted_event()) for _ in range(12)])

        tansu.restart()
        # A subscribed consumer polling first makes Tansu create the topic with four partitions.
        consumer = KafkaConsumer(TOPIC, **settings.common())
        consumer.poll(timeout_ms=500)
        consumer.close()
        events = [submitted_event() for _ in range(24)]  # keys spread over every partition
        _publish(publisher, [to_topic(TOPIC, event) for event in events])

        on_broker = read_all(settings, TOPIC, expected=len(events))
        assert len({record.partition for record in on_broker}) <= 4
        # Every event on the broker exactly once (read_all waits for late duplicates).
        assert Counter(decode(record.value).event_id for record in on_broker) == Counter(
            event.event_id for event in events
        )
    finally:
        publisher.close()


def _committed_past_all(settings: KafkaSettings, group: str, expected: int) -> bool:
    """Read, not asked for: Tansu's end offsets stop at the last batch's first record."""
    ends: dict[TopicPartition, int] = {}
    for record in read_all(settings, TOPIC, expected):
        ends[TopicPartition(TOPIC, record.partition)] = record.offset + 1
    admin = KafkaAdminClient(**settings.admin())
    try:
        committed = admin.list_group_offsets({group: list(ends)})[group]
    finally:
        admin.close()
    return all(p in committed and committed[p].offset >= end for p, end in ends.items())


def _publish(publisher: KafkaPublisher, messages: list[OutgoingMessage]) -> None:
    """Send until the broker confirms all, as the outbox relay does: again only what was not
    confirmed, so a message the broker took is not sent twice."""
    deadline = time.monotonic() + 30
    while messages and time.monotonic() < deadline:
        results = publisher.send_batch(messages)
        messages = [m for m, error in zip(messages, results, strict=True) if error is not None]
        if messages:
            time.sleep(0.5)
    assert not messages, "not confirmed within 30 s"
