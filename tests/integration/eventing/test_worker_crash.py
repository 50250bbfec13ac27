"""A worker process killed between storing its effect and committing its offset."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import Engine, func, select, table

from eventing.faults import FAULT_POINT_VARIABLE
from eventing.kafka_settings import KafkaSettings
from eventing.testing import submitted_event, to_topic, wait_until

WORKER = Path(__file__).with_name("worker_process.py")


def test_a_worker_killed_before_its_offset_commit_redelivers_and_the_inbox_absorbs_it(
    topic, publisher, kafka_settings: KafkaSettings, database_url: str, engine: Engine
):
    group = f"crash-{topic}"
    event = submitted_event()
    publisher.send_batch([to_topic(topic, event)])
    command = [
        sys.executable,
        str(WORKER),
        kafka_settings.bootstrap_servers,
        kafka_settings.profile,
        topic,
        group,
        database_url,
    ]

    crashing = subprocess.run(
        command,
        env={**os.environ, FAULT_POINT_VARIABLE: "after_effect_before_commit"},
        timeout=60,
        check=False,
    )
    assert crashing.returncode == 137
    assert _count(engine, "effects") == 1
    assert _committed(kafka_settings, topic, group) is None

    restarted = subprocess.Popen(command)
    try:
        wait_until(
            lambda: _committed(kafka_settings, topic, group) is not None,
            timeout_s=60,
            what="the restarted worker to commit the redelivered event",
        )
        restarted.send_signal(signal.SIGTERM)
        assert restarted.wait(timeout=20) == 0, "the worker did not stop cleanly on SIGTERM"
    finally:
        restarted.kill()

    assert _count(engine, "effects") == 1
    assert _count(engine, "inbox") == 1


def _count(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table(name))).scalar_one()


def _committed(settings: KafkaSettings, topic: str, group: str) -> int | None:
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, group_id=group, enable_auto_commit=False
    )
    try:
        offsets = [consumer.committed(TopicPartition(topic, p)) for p in (0, 1)]
    finally:
        consumer.close(autocommit=False)
    done = [offset for offset in offsets if offset]
    return sum(done) if done else None
