"""Every event travels on exactly one topic, and every topic has writers, readers and a DLQ."""

from __future__ import annotations

import pytest

from eventing.codec import decode
from eventing.examples import all_examples
from eventing.schemas import EVENTS
from eventing.topics import TOPICS, TopicSpec, all_topic_names, topic_for

pytestmark = pytest.mark.contract

SERVICES = {"assessment", "reporting", "notifications"}


def each_topic(test):
    return pytest.mark.parametrize("topic", TOPICS.values(), ids=lambda topic: topic.name)(test)


@each_topic
def test_every_topic_has_a_producer_and_a_consumer(topic: TopicSpec) -> None:
    assert topic.producers
    assert topic.consumers


@each_topic
def test_every_topic_has_a_dead_letter_topic(topic: TopicSpec) -> None:
    assert topic.dlq == f"{topic.name}-dlq"
    assert topic.dlq in all_topic_names()


@each_topic
def test_every_producer_and_consumer_is_a_service_of_the_system(topic: TopicSpec) -> None:
    assert set(topic.producers) <= SERVICES
    assert set(topic.consumers) <= SERVICES


@each_topic
def test_every_event_type_on_a_topic_has_a_registered_version(topic: TopicSpec) -> None:
    registered = {event_type for event_type, _ in EVENTS}
    assert set(topic.event_types) - registered == set()


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: f"{event[0]}.v{event[1]}")
def test_every_registered_event_is_carried_by_exactly_one_topic(event: tuple[str, int]) -> None:
    carriers = [topic.name for topic in TOPICS.values() if event[0] in topic.event_types]
    assert len(carriers) == 1


@pytest.mark.parametrize("example", all_examples(), ids=lambda example: example.name)
def test_every_example_comes_from_a_producer_of_its_topic(example) -> None:
    envelope = decode(example.raw)
    assert envelope.producer in topic_for(envelope.event_type).producers
