"""Topics are created at start-up with the partition counts of the registry."""

from __future__ import annotations

from kafka import KafkaAdminClient

from devstack.local_kafka import Broker
from eventing.admin import ensure_topics, wanted_topics
from eventing.kafka_settings import KafkaSettings
from eventing.topics import TOPICS


def test_every_topic_and_its_dlq_is_created_once_with_its_partition_count(own_broker: Broker):
    settings = KafkaSettings(own_broker.bootstrap_servers, profile=own_broker.profile)

    created = ensure_topics(settings)
    again = ensure_topics(settings)

    admin = KafkaAdminClient(**settings.admin())
    try:
        described = admin.describe_topics(list(wanted_topics()))
    finally:
        admin.close()
    partitions = {topic["name"]: len(topic["partitions"]) for topic in described}
    assert sorted(created) == sorted(wanted_topics())
    assert again == []
    assert partitions["assessment-events"] == TOPICS["assessment-events"].partitions
    assert partitions["assessment-events-dlq"] == 1
    assert partitions == wanted_topics()
