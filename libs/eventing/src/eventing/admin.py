"""Creating the topics the system needs, with their partition counts, when they are missing.

Topics are created explicitly at start-up: a broker that auto-creates them (Tansu always
does) would pick its own partition count, and production brokers should have
auto-creation switched off so a typo cannot invent a topic.
"""

from __future__ import annotations

import logging
import threading

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from eventing.kafka_settings import KafkaSettings
from eventing.topics import TOPICS

logger = logging.getLogger(__name__)

# Dead letters are rare and are read by people, in order: one partition is enough.
DLQ_PARTITIONS = 1


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
    admin = KafkaAdminClient(**settings.admin())
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
            logger.info("created topics %s", ", ".join(created))
        return created
    finally:
        admin.close()


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
