from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

from devstack.broker import BrokerStartError, LocalBroker
from devstack.ports import free_port, port_accepts
from eventing.kafka_settings import KafkaSettings

pytestmark = pytest.mark.integration


def round_trip(settings: KafkaSettings, value: bytes) -> list[bytes]:
    """Create a fresh one-partition topic, produce `value`, read the partition back."""
    topic = f"devstack-test-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(**settings.admin())
    try:
        admin.create_topics([NewTopic(topic, 1, 1)])
    finally:
        admin.close()
    producer = KafkaProducer(**settings.producer())
    try:
        producer.send(topic, value=value).get(timeout=10)
    finally:
        producer.close()
    # Assigned rather than subscribed: a group join costs seconds on Tansu.
    consumer = KafkaConsumer(
        **settings.common(), auto_offset_reset="earliest", fetch_max_wait_ms=50
    )
    try:
        consumer.assign([TopicPartition(topic, 0)])
        received: list[bytes] = []
        for _ in range(50):
            for records in consumer.poll(timeout_ms=200).values():
                received.extend(record.value for record in records)
            if received:
                break
        return received
    finally:
        consumer.close()


def test_the_session_broker_carries_a_record_from_producer_to_consumer(
    kafka_settings: KafkaSettings,
) -> None:
    assert round_trip(kafka_settings, b"hallo") == [b"hallo"]


def test_a_restarted_broker_serves_new_clients_again(tmp_path: Path) -> None:
    with LocalBroker(free_port(), log_dir=tmp_path) as broker:
        settings = KafkaSettings(broker.bootstrap_servers, profile="tansu", client_id="tests")
        assert round_trip(settings, b"before") == [b"before"]
        first_pid = broker.pid

        broker.restart()

        assert broker.pid != first_pid
        assert round_trip(settings, b"after") == [b"after"]
    assert not port_accepts(broker.host, broker.port)
    assert (tmp_path / "broker.log").read_text().count("tansu broker") == 2


def test_start_refuses_a_port_someone_else_listens_on(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as squatter:
        port = squatter.getsockname()[1]
        with pytest.raises(BrokerStartError, match="in use"):
            LocalBroker(port, log_dir=tmp_path).start()


def test_a_broker_that_exits_at_once_fails_start_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "tansu"
    fake.write_text("#!/bin/sh\necho 'cannot start: no storage'\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CALF_TANSU_BIN", str(fake))
    broker = LocalBroker(free_port(), log_dir=tmp_path)

    with pytest.raises(BrokerStartError, match="cannot start: no storage"):
        broker.start()
    assert not broker.is_running()
