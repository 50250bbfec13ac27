"""Client settings per broker profile: Apache Kafka in production, Tansu in dev and tests."""

from __future__ import annotations

import pytest

from eventing.kafka_settings import KafkaSettings
from servicekit.settings import SettingsError


def test_apache_profile_is_the_default_and_keeps_kafkas_safe_producer_defaults():
    settings = KafkaSettings.from_env({"KAFKA_BOOTSTRAP_SERVERS": "k1:9092,k2:9092"}, client_id="x")

    producer = settings.producer()
    assert settings.profile == "apache"
    assert producer["acks"] == "all"
    assert producer["enable_idempotence"] is True
    assert producer["bootstrap_servers"] == ["k1:9092", "k2:9092"]
    assert "session_timeout_ms" not in settings.consumer("g", max_poll_records=5)
    assert settings.leave_group_on_close


def test_tansu_profile_turns_off_what_the_local_broker_cannot_do():
    settings = KafkaSettings("127.0.0.1:9092", profile="tansu")

    consumer = settings.consumer("reporting", max_poll_records=1)
    assert settings.producer()["enable_idempotence"] is False
    assert settings.producer()["acks"] == "all"
    assert consumer["session_timeout_ms"] == 6_000
    assert consumer["fetch_max_wait_ms"] <= 100
    assert not settings.leave_group_on_close


@pytest.mark.parametrize("profile", ["apache", "tansu"])
def test_consumers_commit_themselves_and_start_from_the_earliest_offset(profile):
    consumer = KafkaSettings("b:9092", profile=profile).consumer("g", max_poll_records=3)

    assert consumer["enable_auto_commit"] is False
    assert consumer["auto_offset_reset"] == "earliest"
    assert consumer["max_poll_records"] == 3
    assert "value_deserializer" not in consumer


def test_an_unknown_profile_fails_start_up_with_a_clear_message():
    with pytest.raises(SettingsError, match="KAFKA_PROFILE must be one of apache, tansu"):
        KafkaSettings.from_env({"KAFKA_PROFILE": "redpanda"}, client_id="x")
