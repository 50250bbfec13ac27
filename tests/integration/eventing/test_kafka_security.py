"""A managed cluster's settings: TLS with the cluster's CA and a SASL login, on Apache Kafka.

The broker gets a second listener, SASL_SSL, with a certificate from a throw-away CA made
here; the services' settings come from the environment as in production.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives import serialization

from devstack.apache_broker import ApacheBroker
from devstack.ports import free_port
from eventing.admin import KafkaLoginRefused, ensure_topics
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic, running, submitted_event, to_topic, wait_until
from eventing.worker import ConsumerSpec, ConsumerWorker
from servicekit.settings import SettingsError

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="Apache Kafka needs Java; without it only Tansu runs"
)

USER, PASSWORD = "wegweiser-relay", "a-long-test-password"


class SecureCluster:
    def __init__(self, broker: ApacheBroker, sasl_port: int, ca_file: Path) -> None:
        self.broker = broker
        self.bootstrap_servers = f"127.0.0.1:{sasl_port}"
        self.ca_file = ca_file

    def environment(self, password: str = PASSWORD) -> dict[str, str]:
        """What an operator puts into the services' settings for this cluster."""
        return {
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "KAFKA_SSL_CA_FILE": str(self.ca_file),
            "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME": USER,
            "KAFKA_SASL_PASSWORD": password,
        }


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureCluster]:
    folder = tmp_path_factory.mktemp("secure-kafka")
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    ca_file = folder / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    # Kafka reads a PEM key store only with the key in PKCS#8.
    key = serialization.load_pem_private_key(certificate.private_key_pem.bytes(), None)
    key_store = folder / "broker.pem"
    key_store.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        + b"".join(blob.bytes() for blob in certificate.cert_chain_pems)
    )
    sasl_port = free_port()
    broker = ApacheBroker(free_port(), log_dir=folder, scram_users={USER: PASSWORD})
    plain = f"PLAINTEXT://127.0.0.1:{broker.port}"
    secure = f"SASL_SSL://127.0.0.1:{sasl_port}"
    broker.extra_properties = {
        "listeners": f"{plain},CONTROLLER://127.0.0.1:{broker.controller_port},{secure}",
        "advertised.listeners": f"{plain},{secure}",
        "listener.security.protocol.map": (
            "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL"
        ),
        "sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": (
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"
        ),
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(key_store),
    }
    with broker:
        yield SecureCluster(broker, sasl_port, ca_file)


def test_a_service_publishes_and_consumes_through_tls_and_a_sasl_login(cluster: SecureCluster):
    settings = KafkaSettings.from_env(cluster.environment(), client_id="secure-test")
    assert ensure_topics(settings)  # the registry's topics, created over the secure listener
    topic = fresh_topic(settings)
    publisher = KafkaPublisher(settings)
    handled: list[Envelope] = []
    spec = ConsumerSpec("secure-test", (topic,), {("assessment.submitted", 1): handled.append})
    events = [submitted_event() for _ in range(5)]
    try:
        assert publisher.send_batch([to_topic(topic, event) for event in events]) == [None] * 5
        with running(ConsumerWorker(spec, settings, publisher).run, spec.name):
            wait_until(lambda: len(handled) >= len(events), 60, "the events over SASL_SSL")
    finally:
        publisher.close()
    assert sorted(str(e.event_id) for e in handled) == sorted(str(e.event_id) for e in events)


def test_wrong_credentials_stop_the_start_up_with_a_message_that_says_so(cluster: SecureCluster):
    settings = KafkaSettings.from_env(cluster.environment("not-the-password"), client_id="x")

    with pytest.raises(KafkaLoginRefused) as refused:
        ensure_topics(settings)

    assert str(refused.value).startswith(
        f"Kafka at {cluster.bootstrap_servers} refused the login of '{USER}' (SCRAM-SHA-512): "
        "check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM"
    )


def test_a_missing_ca_file_or_password_is_named_before_anything_connects(tmp_path: Path):
    environment = {
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SSL_CA_FILE": str(tmp_path / "nowhere.pem"),
        "KAFKA_SASL_USERNAME": USER,
    }
    with pytest.raises(SettingsError, match="KAFKA_SASL_PASSWORD is required") as problem:
        KafkaSettings.from_env(environment, client_id="x")
    assert f"KAFKA_SSL_CA_FILE {tmp_path / 'nowhere.pem'} is not a readable file" in str(
        problem.value
    )
