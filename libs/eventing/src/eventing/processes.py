"""The processes every service runs, installed as its console scripts `<service>-*`."""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from eventing.admin import wait_for_topics
from eventing.health import HealthFile
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.migrations import upgrade_service_database
from eventing.outbox import OutboxRelay
from eventing.worker import ConsumerSpec, ConsumerWorker
from servicekit.db import make_engine
from servicekit.gunicorn_runner import serve
from servicekit.logs import configure_logging
from servicekit.metrics import serve_process_metrics
from servicekit.process import stop_on_signals
from servicekit.settings import ServiceSettings

logger = logging.getLogger(__name__)

ConsumerFactory = Callable[[Engine], ConsumerSpec]
# A scheduled job touches its health file this often while it waits for its next pass.
HEARTBEAT_S = 30.0


Loop = Callable[[threading.Event], None]


def run_relay(service: str) -> None:
    """Publish the service's outbox; the relay touches a health file while it runs."""

    def relay_loop(engine: Engine, publisher: KafkaPublisher, _kafka: KafkaSettings) -> Loop:
        health = HealthFile(health_file_path(service, "relay"))
        return partial(OutboxRelay(engine, publisher).run, health=health)

    _run_loop(service, "relay", relay_loop)


def run_worker(service: str, consumer: ConsumerFactory) -> None:
    """Consume the service's topics; the worker touches a health file while it polls."""

    def worker_loop(engine: Engine, dead_letters: KafkaPublisher, kafka: KafkaSettings) -> Loop:
        health = HealthFile(health_file_path(service, "worker"))
        return ConsumerWorker(consumer(engine), kafka, dead_letters, health=health).run

    _run_loop(service, "worker", worker_loop)


def run_scheduled(
    service: str, role: str, job: Callable[[Engine, datetime], str], argv: list[str] | None = None
) -> None:
    """One pass of `job` (its summary is logged), then exit: for a scheduler such as a
    Kubernetes CronJob. With `--every SECONDS`, a pass every so often until SIGTERM, touching a
    health file while it waits: for compose, which has no scheduler."""
    parser = argparse.ArgumentParser(prog=f"{service}-{role}", description=run_scheduled.__doc__)
    parser.add_argument("--every", type=float, metavar="SECONDS", help="repeat every SECONDS")
    every_s = parser.parse_args(argv).every
    settings = ServiceSettings.from_env(service, os.environ)
    configure_logging(service, settings.log_level)
    stop = stop_on_signals()
    health = HealthFile(health_file_path(service, role))
    engine = make_engine(settings.database_url)
    try:
        while not stop.is_set():
            health.beat()
            logger.info("%s: %s", role, job(engine, datetime.now(UTC)))
            if every_s is None:
                return
            deadline = time.monotonic() + every_s
            while not stop.wait(min(HEARTBEAT_S, max(deadline - time.monotonic(), 0))):
                if time.monotonic() >= deadline:
                    break
                health.beat()
    finally:
        engine.dispose()


def health_file_path(service: str, role: str) -> Path:
    """Where a process's health file lives; a liveness probe runs `python -m eventing.health`."""
    return Path(tempfile.gettempdir()) / f"wegweiser-{service}-{role}.health"


def _run_loop(
    service: str,
    role: str,
    make_loop: Callable[[Engine, KafkaPublisher, KafkaSettings], Loop],
) -> None:
    settings = ServiceSettings.from_env(service, os.environ)
    kafka = KafkaSettings.from_env(os.environ, client_id=f"{service}-{role}")
    configure_logging(service, settings.log_level)
    serve_process_metrics(os.environ)
    stop = stop_on_signals()
    if not wait_for_topics(kafka, stop):
        return
    engine = make_engine(settings.database_url)
    publisher = KafkaPublisher(kafka)
    try:
        make_loop(engine, publisher, kafka)(stop)
    finally:
        publisher.close()
        engine.dispose()


@dataclass(frozen=True)
class ServiceProcesses:
    """What a service's console scripts call, e.g.
    `assessment-web = "assessment.entrypoints:processes.web"`."""

    service: str
    migrations: Path  # the folder of the service's own alembic revisions
    consumer: ConsumerFactory | None = None  # what the service consumes, if anything
    # Revision folders of further libraries whose tables the service keeps (their own
    # branches), e.g. `mailing.migrations.VERSIONS`.
    more_migrations: tuple[Path, ...] = ()

    def web(self) -> None:
        serve(f"{self.service}.web:create_app()", self.service)

    def relay(self) -> None:
        run_relay(self.service)

    def worker(self) -> None:
        if self.consumer is None:
            raise SystemExit(f"the {self.service} service consumes no events")
        run_worker(self.service, self.consumer)

    def migrate(self) -> None:
        upgrade_service_database(self.service, self.migrations, more_versions=self.more_migrations)
