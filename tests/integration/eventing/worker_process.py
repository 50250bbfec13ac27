"""A consumer worker in a process of its own, so tests can kill it at a fault point.

Usage: python worker_process.py BOOTSTRAP PROFILE TOPIC GROUP DATABASE_URL
Its effect is a row per handled event in the table `effects`.
"""

from __future__ import annotations

import sys

from sqlalchemy import Column, MetaData, Table, Uuid, insert
from sqlalchemy.orm import Session, sessionmaker

from devstack.local_kafka import LOCAL_SESSION_TIMEOUT_MS
from eventing.envelope import Envelope
from eventing.inbox import apply_once
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.tables import metadata as eventing_metadata
from eventing.worker import ConsumerSpec, ConsumerWorker
from servicekit.db import make_engine
from servicekit.process import stop_on_signals

effects_metadata = MetaData()
effects = Table("effects", effects_metadata, Column("event_id", Uuid, nullable=False))


def record_effect(session: Session, envelope: Envelope) -> None:
    session.execute(insert(effects).values(event_id=envelope.event_id))


def main(bootstrap: str, profile: str, topic: str, group: str, database_url: str) -> None:
    engine = make_engine(database_url)
    eventing_metadata.create_all(engine)
    effects_metadata.create_all(engine)
    settings = KafkaSettings(
        bootstrap,
        profile=profile,
        client_id="worker-process",
        session_timeout_ms=LOCAL_SESSION_TIMEOUT_MS,
    )
    handler = apply_once(sessionmaker(engine), group, record_effect)
    spec = ConsumerSpec(group, (topic,), {("assessment.submitted", 1): handler})
    publisher = KafkaPublisher(settings)
    stop = stop_on_signals()
    try:
        ConsumerWorker(spec, settings, publisher).run(stop)
    finally:
        publisher.close()


if __name__ == "__main__":
    main(*sys.argv[1:6])
