"""Fixtures for tests against a real broker and a real SMTP server on loopback.

Load with `pytest_plugins = ["devstack.pytest_plugin"]` (or `-p devstack.pytest_plugin`).
With KAFKA_BOOTSTRAP_SERVERS set, the tests use that broker (profile from KAFKA_PROFILE,
default "apache") instead of starting Tansu.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devstack.broker import LocalBroker
from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings


@dataclass(frozen=True)
class ExternalBroker:
    """A broker someone else runs: it can be used, not started, stopped or restarted."""

    bootstrap_servers: str


@pytest.fixture(scope="session")
def kafka_broker(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LocalBroker | ExternalBroker]:
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        yield ExternalBroker(external)
        return
    log_dir = tmp_path_factory.mktemp("kafka-broker")
    with LocalBroker(free_port(), log_dir=log_dir) as broker:
        yield broker


@pytest.fixture(scope="session")
def kafka_settings(kafka_broker: LocalBroker | ExternalBroker) -> KafkaSettings:
    if isinstance(kafka_broker, LocalBroker):
        profile = "tansu"
    else:
        profile = os.environ.get("KAFKA_PROFILE") or "apache"
    return KafkaSettings(
        bootstrap_servers=kafka_broker.bootstrap_servers, profile=profile, client_id="tests"
    )


@pytest.fixture
def publisher(kafka_settings: KafkaSettings) -> Iterator[KafkaPublisher]:
    """A KafkaPublisher on the test broker, closed after the test."""
    publisher = KafkaPublisher(kafka_settings)
    yield publisher
    publisher.close()


@pytest.fixture
def smtp_sink(tmp_path: Path) -> Iterator[SmtpSink]:
    with SmtpSink(tmp_path / "mail", port=free_port()) as sink:
        yield sink
