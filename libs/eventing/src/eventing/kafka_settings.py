"""Every kafka-python client setting in one place, chosen by the broker profile.

Production runs Apache Kafka (`KAFKA_PROFILE=apache`, the default). Dev, tests and CI run
Tansu, whose measured behaviour (see shared/research/tansu-broker.md) needs other settings:
it holds every JoinGroup for session_timeout/2, its Fetch sleeps instead of waking on new
data, an idempotent producer never recovers from a broker restart, and a LeaveGroup sent
mid-rebalance can leave a group stuck for good.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from servicekit.settings import EnvReader

PROFILES = ("apache", "tansu")
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    profile: str = "apache"
    client_id: str = "wegweiser"
    # Copies of each partition the cluster keeps; 3 on a production cluster of 3 brokers.
    replication_factor: int = 1
    # How long a consumer that died may hold its partitions before the group moves them;
    # None keeps Kafka's 45 s. Tests that kill workers on purpose set less.
    session_timeout_ms: int | None = None
    # A managed cluster: TLS (with the cluster's CA) and SASL credentials.
    security_protocol: str = "PLAINTEXT"
    ssl_ca_file: str | None = None
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, client_id: str) -> KafkaSettings:
        env = EnvReader(environ)
        protocol = env.choice("KAFKA_SECURITY_PROTOCOL", SECURITY_PROTOCOLS, "PLAINTEXT")
        ca_file = env.optional_file("KAFKA_SSL_CA_FILE")
        sasl = protocol.startswith("SASL_")
        settings = cls(
            bootstrap_servers=env.str("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
            profile=env.choice("KAFKA_PROFILE", PROFILES, "apache"),
            client_id=client_id,
            replication_factor=env.int("KAFKA_REPLICATION_FACTOR", 1),
            session_timeout_ms=env.int("KAFKA_SESSION_TIMEOUT_MS", 0) or None,
            security_protocol=protocol,
            ssl_ca_file=str(ca_file) if ca_file else None,
            sasl_mechanism=env.choice("KAFKA_SASL_MECHANISM", SASL_MECHANISMS, "SCRAM-SHA-512")
            if sasl
            else None,
            sasl_username=env.str("KAFKA_SASL_USERNAME") if sasl else None,
            sasl_password=env.str("KAFKA_SASL_PASSWORD") if sasl else None,
        )
        env.raise_if_invalid()
        return settings

    @property
    def is_tansu(self) -> bool:
        return self.profile == "tansu"

    def common(self) -> dict[str, Any]:
        config: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers.split(","),
            "client_id": self.client_id,
            # Back to a restarted broker within a second, not after kafka-python's 30 s.
            "reconnect_backoff_max_ms": 1_000,
            "security_protocol": self.security_protocol,
        }
        if self.ssl_ca_file:
            config["ssl_cafile"] = self.ssl_ca_file
        if self.sasl_mechanism:
            config.update(
                sasl_mechanism=self.sasl_mechanism,
                sasl_plain_username=self.sasl_username,
                sasl_plain_password=self.sasl_password,
            )
        return config

    def producer(self) -> dict[str, Any]:
        config: dict[str, Any] = {
            **self.common(),
            "acks": "all",
            # Set explicitly: kafka-python 3 silently drops idempotence on a conflicting
            # setting unless asked for it; an explicit True makes such a conflict raise.
            "enable_idempotence": not self.is_tansu,
            "linger_ms": 5,
            "batch_size": 64 * 1024,
            # A relay send must give up in bounded time so a broker outage shows as an
            # error on the outbox row instead of a hung relay; the relay retries.
            "bootstrap_timeout_ms": 5_000,
            "max_block_ms": 10_000,
            "delivery_timeout_ms": 30_000,
            "request_timeout_ms": 10_000,
        }
        if self.is_tansu:
            # Without idempotence only one request in flight keeps retried batches in order.
            config["max_in_flight_requests_per_connection"] = 1
        return config

    def consumer(self, group_id: str, *, max_poll_records: int) -> dict[str, Any]:
        config: dict[str, Any] = {
            **self.common(),
            "group_id": group_id,
            # Offsets are committed by the worker after the handler's effect is stored.
            "enable_auto_commit": False,
            # A new group must not skip what was published before it joined.
            "auto_offset_reset": "earliest",
            "max_poll_records": max_poll_records,
        }
        if self.is_tansu:
            config.update(
                session_timeout_ms=6_000,  # Tansu holds a join for half of it: ~3 s, not ~23 s
                heartbeat_interval_ms=1_000,
                fetch_max_wait_ms=20,  # Tansu's fetch sleeps for half the wait: latency ~10 ms
            )
        elif self.session_timeout_ms:
            config.update(
                session_timeout_ms=self.session_timeout_ms,
                heartbeat_interval_ms=max(self.session_timeout_ms // 3, 1),  # Kafka's ratio
            )
        return config

    def admin(self) -> dict[str, Any]:
        return self.common()

    def a_bootstrap_server_accepts(self) -> bool:
        """Whether any bootstrap server accepts a TCP connection. kafka-python's clients block
        for their whole bootstrap timeout (and leak sockets) when none does, so a process that
        must stay responsive to SIGTERM checks this before building one."""
        for server in self.bootstrap_servers.split(","):
            host, _, port = server.strip().rpartition(":")
            try:
                with socket.create_connection((host, int(port)), timeout=1):
                    return True
            except (OSError, ValueError):
                continue
        return False

    @property
    def loses_log_on_restart(self) -> bool:
        """Tansu keeps everything in memory: after its restart every partition starts again
        at offset 0, so positions a consumer kept must be replaced by the committed ones."""
        return self.is_tansu

    @property
    def leave_group_on_close(self) -> bool:
        """Tansu can get a group stuck for good on a LeaveGroup; its members just time out."""
        return not self.is_tansu
