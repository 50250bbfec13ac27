"""Every example event survives the trip through the real broker unchanged."""

from __future__ import annotations

from eventing.codec import decode
from eventing.examples import all_examples
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import read_all, to_topic


def test_every_example_event_round_trips_through_kafka_to_equal_values(
    topic: str, publisher: KafkaPublisher, kafka_settings: KafkaSettings
):
    examples = all_examples()
    sent = [decode(example.raw) for example in examples]

    results = publisher.send_batch([to_topic(topic, envelope) for envelope in sent])

    assert results == [None] * len(sent)
    received = [decode(record.value) for record in read_all(kafka_settings, topic, len(sent))]
    by_id = {envelope.event_id: envelope for envelope in received}
    assert len(received) == len(sent)
    assert [by_id[envelope.event_id] for envelope in sent] == sent
