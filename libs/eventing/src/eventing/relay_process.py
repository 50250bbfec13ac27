"""The outbox relay as a process of its own: `<service>-relay` runs `run_relay("<service>")`."""

from __future__ import annotations

import os

from eventing.admin import wait_for_topics
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.outbox import OutboxRelay
from servicekit.db import make_engine
from servicekit.logs import configure_logging
from servicekit.process import stop_on_signals
from servicekit.settings import ServiceSettings


def run_relay(service: str) -> None:
    settings = ServiceSettings.from_env(service, os.environ)
    kafka = KafkaSettings.from_env(os.environ, client_id=f"{service}-relay")
    configure_logging(service, settings.log_level)
    stop = stop_on_signals()
    if not wait_for_topics(kafka, stop):
        return
    engine = make_engine(settings.database_url)
    publisher = KafkaPublisher(kafka)
    try:
        OutboxRelay(engine, publisher).run(stop)
    finally:
        publisher.close()
        engine.dispose()
