"""The outbox relay over the real local broker, including a broker that is down for a while."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import Engine, func, select, update

from devstack.local_kafka import Broker
from devstack.ordering import per_key
from eventing.admin import ensure_topics
from eventing.codec import decode, kafka_key
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.outbox import OutboxRelay, add_to_outbox, outbox_entry
from eventing.tables import metadata, outbox, outbox_parked
from eventing.testing import read_all, running, submitted_event, wait_until


def test_relay_publishes_stored_events_once_each_in_order(engine: Engine, own_broker: Broker):
    settings = KafkaSettings(
        own_broker.bootstrap_servers, profile=own_broker.profile, client_id="relay"
    )
    ensure_topics(settings)
    metadata.create_all(engine)
    # Ten events for each of five assessments, interleaved as requests would write them.
    assessment_ids = [uuid.uuid4() for _ in range(5)]
    events = [submitted_event(assessment_ids[n % 5]) for n in range(50)]
    # Every other one encoded ahead, as a caller does that encodes before it takes a lock.
    entries = [event if n % 2 else outbox_entry(event) for n, event in enumerate(events)]
    with engine.begin() as connection:
        for entry in entries:
            add_to_outbox(connection, entry)

    publisher = KafkaPublisher(settings)
    relay = OutboxRelay(engine, publisher)
    while relay.relay_once() != (0, 0):
        pass
    publisher.close()

    records = read_all(settings, "assessment-events", expected=50)
    published = [(r.key, decode(r.value).event_id) for r in records]
    assert Counter(event_id for _, event_id in published) == Counter(e.event_id for e in events)
    # Each assessment's events in the order they were stored; across assessments any order.
    stored = [(kafka_key(e), e.event_id) for e in events]
    assert per_key(published) == per_key(stored)
    assert _unpublished(engine) == 0
    headers = dict(records[0].headers)
    assert headers["event_type"] == b"assessment.submitted"
    assert headers["event_version"] == b"1"
    assert records[0].key == str(decode(records[0].value).data["assessment_id"]).encode()


def test_events_written_while_the_broker_is_down_are_all_published_once_it_is_back(
    engine: Engine, own_broker: Broker
):
    settings = KafkaSettings(
        own_broker.bootstrap_servers, profile=own_broker.profile, client_id="relay"
    )
    metadata.create_all(engine)
    own_broker.stop()
    publisher = KafkaPublisher(settings)
    events = [submitted_event() for _ in range(40)]
    try:
        with running(OutboxRelay(engine, publisher, max_backoff_s=0.5).run, "relay"):
            for event in events:  # one transaction per "request", as the web process does
                with engine.begin() as connection:
                    add_to_outbox(connection, event)
            wait_until(lambda: _attempts(engine) > 0, what="the relay trying, broker down")
            assert _unpublished(engine) == 40

            own_broker.start()
            ensure_topics(settings)  # a durable broker keeps its topics; Tansu forgets them
            wait_until(lambda: _unpublished(engine) == 0, timeout_s=60, what="the outbox drained")
    finally:
        publisher.close()

    records = read_all(settings, "assessment-events", expected=40)
    published = Counter(decode(r.value).event_id for r in records)
    assert set(published) == {e.event_id for e in events}
    assert max(published.values()) == 1, "the relay published an event twice"


def test_an_oversized_event_is_parked_and_holds_back_only_its_own_key(
    engine: Engine, own_broker: Broker
):
    settings = KafkaSettings(
        own_broker.bootstrap_servers, profile=own_broker.profile, client_id="relay"
    )
    ensure_topics(settings)
    metadata.create_all(engine)
    stuck, after_stuck, other = submitted_event(), None, submitted_event()
    after_stuck = submitted_event(stuck.data["assessment_id"])
    with engine.begin() as connection:
        for event in (stuck, after_stuck, other):
            add_to_outbox(connection, event)
        connection.execute(
            update(outbox)
            .where(outbox.c.event_id == stuck.event_id)
            .values(payload=outbox.c.payload + " " * (2 * 1024 * 1024))
        )

    publisher = KafkaPublisher(settings)
    relay = OutboxRelay(engine, publisher, park_after_attempts=2)
    for _ in range(3):
        relay.relay_once()
    publisher.close()

    with engine.connect() as connection:
        waiting = connection.execute(select(outbox.c.event_id)).scalars().all()
        [parked] = connection.execute(select(outbox_parked)).all()
    assert parked.event_id == stuck.event_id
    assert parked.attempts == 2
    assert "larger than the broker accepts" in parked.last_error
    assert waiting == [after_stuck.event_id], "held back behind the parked event of its key"
    [record] = read_all(settings, "assessment-events", expected=1)
    assert decode(record.value) == other


def _unpublished(engine: Engine) -> int:
    """Rows still in the outbox: the relay deletes each row the broker confirmed."""
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(outbox)).scalar_one()


def _attempts(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.sum(outbox.c.attempts))).scalar_one() or 0
