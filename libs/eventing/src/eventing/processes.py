"""The processes every service runs, installed as its console scripts `<service>-*`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from eventing.admin import wait_for_topics
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.migrations import upgrade_service_database
from eventing.outbox import OutboxRelay
from servicekit.db import make_engine
from servicekit.gunicorn_runner import serve
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


@dataclass(frozen=True)
class ServiceProcesses:
    """What a service's console scripts call, e.g.
    `assessment-web = "assessment.entrypoints:processes.web"`."""

    service: str
    migrations: Path  # the folder of the service's own alembic revisions

    def web(self) -> None:
        serve(f"{self.service}.web:create_app()", self.service)

    def relay(self) -> None:
        run_relay(self.service)

    def migrate(self) -> None:
        upgrade_service_database(self.service, self.migrations)
