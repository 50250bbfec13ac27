"""The processes every service runs, installed as its console scripts `<service>-*`; the
Kafka ones, the outbox relay and the consumer worker, are defined here."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from eventing.admin import wait_for_topics
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.migrations import VERSIONS, upgrade_service_database
from eventing.outbox import OutboxRelay
from eventing.worker import ConsumerSpec, ConsumerWorker
from servicekit.db import make_engine
from servicekit.gunicorn_runner import serve
from servicekit.health import HealthFile
from servicekit.loops import run_loop
from servicekit.settings import database_url_from_env

ConsumerFactory = Callable[[Engine], ConsumerSpec]
KafkaLoop = Callable[[threading.Event], None]


def run_relay(service: str) -> None:
    """Publish the service's outbox; the relay touches a health file while it runs."""

    def relay_loop(
        engine: Engine, publisher: KafkaPublisher, _kafka: KafkaSettings, health: HealthFile
    ) -> KafkaLoop:
        return partial(OutboxRelay(engine, publisher).run, health=health)

    _run_kafka_loop(service, "relay", relay_loop)


def run_worker(service: str, consumer: ConsumerFactory) -> None:
    """Consume the service's topics; the worker touches a health file while it polls."""

    def worker_loop(
        engine: Engine, dead_letters: KafkaPublisher, kafka: KafkaSettings, health: HealthFile
    ) -> KafkaLoop:
        return ConsumerWorker(consumer(engine), kafka, dead_letters, health=health).run

    _run_kafka_loop(service, "worker", worker_loop)


def _run_kafka_loop(
    service: str,
    role: str,
    make_loop: Callable[[Engine, KafkaPublisher, KafkaSettings, HealthFile], KafkaLoop],
) -> None:
    kafka = KafkaSettings.from_env(os.environ, client_id=f"{service}-{role}")

    def loop(engine: Engine, health: HealthFile, stop: threading.Event) -> None:
        # The relay publishes to the topics, the worker reads them: created once Kafka answers.
        if not wait_for_topics(kafka, stop):
            return
        publisher = KafkaPublisher(kafka)
        try:
            make_loop(engine, publisher, kafka, health)(stop)
        finally:
            publisher.close()

    run_loop(service, role, loop)


@dataclass(frozen=True)
class ServiceProcesses:
    """What a service's console scripts call, e.g.
    `assessment-web = "assessment.entrypoints.cli:processes.web"`."""

    service: str
    migrations: Path  # the folder of the service's own alembic revisions
    consumer: ConsumerFactory | None = None  # what the service consumes, if anything
    # Revision folders of further libraries whose tables the service keeps (their own
    # branches), e.g. `mailing.migrations.VERSIONS`.
    more_migrations: tuple[Path, ...] = ()
    # Runs after every migration, e.g. to announce the data the new release ships; it must
    # be idempotent, as `<service>-migrate` runs on every deploy.
    after_migrate: Callable[[Engine], None] | None = None

    @property
    def version_locations(self) -> tuple[Path, ...]:
        """Every revision folder of the service's database: eventing's, the further
        libraries', the service's own."""
        return (VERSIONS, *self.more_migrations, self.migrations)

    def web(self) -> None:
        serve(f"{self.service}.web:create_app()", self.service)

    def relay(self) -> None:
        run_relay(self.service)

    def worker(self) -> None:
        if self.consumer is None:
            raise SystemExit(f"the {self.service} service consumes no events")
        run_worker(self.service, self.consumer)

    def migrate(self) -> None:
        upgrade_service_database(self.service, self.version_locations)
        if self.after_migrate is not None:
            engine = make_engine(database_url_from_env(self.service, os.environ))
            try:
                self.after_migrate(engine)
            finally:
                engine.dispose()
