"""Joining a consumer group when polls are short: every member ends up with its partitions.

kafka-python 3.0.12 can leave a member for good in a rebalance it started itself when
metadata arrives after the first join (see eventing.worker.finish_stalled_join). Polling
every millisecond makes the poll time out inside that window most of the time: without the
worker's help, 7 of 8 members on Apache Kafka still had no partition after 15 s.
"""

from __future__ import annotations

import time
import uuid

import pytest
from kafka import KafkaConsumer
from kafka.coordinator.base import MemberState

from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic
from eventing.worker import finish_stalled_join

pytestmark = pytest.mark.integration

MEMBERS = 4
PARTITIONS = 2
DEADLINE_S = 60


def test_members_that_poll_every_millisecond_all_finish_joining(kafka_settings: KafkaSettings):
    # Two topics, as the reporting worker reads. Their partition counts are not asked of the
    # broker first: metadata a consumer already has keeps the window shut.
    topics = [fresh_topic(kafka_settings, partitions=PARTITIONS) for _ in range(2)]
    outcomes = []
    # One after another: members joining side by side slow each other's polls down.
    for _ in range(MEMBERS):
        group = f"join-{uuid.uuid4().hex[:8]}"
        consumer = KafkaConsumer(**kafka_settings.consumer(group, max_poll_records=1))
        try:
            consumer.subscribe(topics)
            deadline = time.monotonic() + DEADLINE_S
            while len(consumer.assignment()) < 2 * PARTITIONS and time.monotonic() < deadline:
                consumer.poll(timeout_ms=1)
                finish_stalled_join(consumer)
            outcomes.append((len(consumer.assignment()), consumer._coordinator.state))
        finally:
            consumer.close(autocommit=False)

    # Each member, alone in its group, holds every partition and is a settled member.
    assert outcomes == [(2 * PARTITIONS, MemberState.STABLE)] * MEMBERS
