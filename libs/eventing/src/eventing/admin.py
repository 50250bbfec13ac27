"""Creating the topics the system needs, with their partition counts, when they are missing.

Topics are created explicitly at start-up: a broker that auto-creates them (Tansu always
does) would pick its own partition count, and production brokers should have
auto-creation switched off so a typo cannot invent a topic.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, SaslAuthenticationFailedError, TopicAlreadyExistsError

from eventing.kafka_settings import KafkaSettings
from eventing.topics import TOPICS
from servicekit.settings import SettingsError

logger = logging.getLogger(__name__)

# Dead letters are rare and are read by people, in order: one partition is enough.
DLQ_PARTITIONS = 1
# How long a created topic may take to show all its partitions with a leader.
_VISIBLE_TIMEOUT_S = 30.0


class KafkaLoginRefused(SettingsError):
    """The cluster refused the configured credentials: no retry can help, start-up stops."""


def wanted_topics() -> dict[str, int]:
    """Topic name -> partition count for every topic and its dead-letter twin."""
    wanted: dict[str, int] = {}
    for spec in TOPICS.values():
        wanted[spec.name] = spec.partitions
        wanted[spec.dlq] = DLQ_PARTITIONS
    return wanted


def ensure_topics(
    settings: KafkaSettings,
    topics: dict[str, int] | None = None,
) -> list[str]:
    """Create the missing topics; return the names created. Existing topics are left alone."""
    wanted = wanted_topics() if topics is None else topics
    admin = _admin_client(settings)
    try:
        missing = sorted(set(wanted) - set(admin.list_topics()))
        created = []
        for name in missing:
            try:
                admin.create_topics(
                    [NewTopic(name, wanted[name], settings.replication_factor)], validate_only=False
                )
                created.append(name)
            except TopicAlreadyExistsError:
                pass  # another process created it between our listing and our request
        if created:
            _wait_until_led(admin, {name: wanted[name] for name in created})
            logger.info("created topics %s", ", ".join(created))
        return created
    finally:
        admin.close()


def _admin_client(settings: KafkaSettings) -> KafkaAdminClient:
    with _refused_logins() as refusals:
        try:
            return KafkaAdminClient(**settings.admin())
        except KafkaError:
            if refusals:
                raise KafkaLoginRefused(
                    f"Kafka at {settings.bootstrap_servers} refused the login of "
                    f"{settings.sasl_username!r} ({settings.sasl_mechanism}): check "
                    f"KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM "
                    f"({refusals[-1]})"
                ) from None
            raise


@contextmanager
def _refused_logins() -> Iterator[list[SaslAuthenticationFailedError]]:
    """Collects the SASL refusals kafka-python meets while it bootstraps: it only logs them,
    retries, and finally raises a bare timeout that does not say why."""
    refusals: list[SaslAuthenticationFailedError] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            args = record.args if isinstance(record.args, tuple) else ()
            refusals.extend(a for a in args if isinstance(a, SaslAuthenticationFailedError))

    handler = Collect(level=logging.DEBUG)
    kafka_logger = logging.getLogger("kafka")
    kafka_logger.addHandler(handler)
    try:
        yield refusals
    finally:
        kafka_logger.removeHandler(handler)


def _wait_until_led(admin: KafkaAdminClient, topics: dict[str, int]) -> None:
    """Apache Kafka answers CreateTopics before every broker's metadata has the partitions
    and their leaders; a consumer or producer started in that gap sees no partitions."""
    deadline = time.monotonic() + _VISIBLE_TIMEOUT_S
    while True:
        described = admin.describe_topics(list(topics))
        led = {
            topic["name"]: sum(1 for p in topic["partitions"] if p["leader_id"] >= 0)
            for topic in described
        }
        if all(led.get(name) == count for name, count in topics.items()):
            return
        if time.monotonic() > deadline:
            raise KafkaError(f"topics without leaders after {_VISIBLE_TIMEOUT_S:g} s: {led}")
        time.sleep(0.05)


def wait_for_topics(
    settings: KafkaSettings, stop: threading.Event, *, every_s: float = 2.0
) -> bool:
    """Ensure the topics exist, retrying while the broker is unreachable; False if stopped."""
    while not stop.is_set():
        if not settings.a_bootstrap_server_accepts():
            logger.warning("no Kafka broker at %s yet; retrying", settings.bootstrap_servers)
            stop.wait(every_s)
            continue
        try:
            ensure_topics(settings)
            return True
        except KafkaError as exc:
            logger.warning("cannot create topics yet (%s); retrying", exc)
            stop.wait(every_s)
    return False
