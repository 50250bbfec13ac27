"""KafkaPublisher: sends encoded messages and tells, per message, whether the broker took it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from kafka import KafkaAdminClient, KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError, UnknownError
from kafka.producer.future import FutureRecordMetadata

from eventing.admin import ensure_topics, wanted_topics
from eventing.codec import encode, kafka_headers, kafka_key
from eventing.envelope import Envelope
from eventing.kafka_settings import KafkaSettings
from eventing.topics import topic_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingMessage:
    topic: str
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]

    @classmethod
    def from_envelope(cls, envelope: Envelope) -> OutgoingMessage:
        return cls(
            topic=topic_for(envelope.event_type).name,
            key=kafka_key(envelope),
            value=encode(envelope),
            headers=kafka_headers(envelope),
        )


class PublishError(Exception):
    """The broker did not confirm a message; whether it is worth retrying is on `retriable`."""

    def __init__(self, message: str, *, retriable: bool) -> None:
        super().__init__(message)
        self.retriable = retriable


class KafkaPublisher:
    """Sends messages with acks=all and waits for the broker's confirmation of each.

    The producer is created on first use, so a process starts even while the broker is
    down, and it is recreated after a batch in which nothing got through: a producer that
    lived through a broker restart may never recover (Tansu, idempotent producers).
    """

    def __init__(self, settings: KafkaSettings, *, send_timeout_s: float = 30.0) -> None:
        self._settings = settings
        self._send_timeout_s = send_timeout_s
        self._producer: KafkaProducer | None = None
        self._admin: KafkaAdminClient | None = None

    @property
    def max_message_bytes(self) -> int:
        return int(self._settings.producer().get("max_request_size", 1024 * 1024))

    def publish(self, envelope: Envelope) -> None:
        """Send one event now and wait for the broker (services use the outbox instead)."""
        [error] = self.send_batch([OutgoingMessage.from_envelope(envelope)])
        if error is not None:
            raise error

    def send_batch(self, messages: Sequence[OutgoingMessage]) -> list[PublishError | None]:
        """Send all, then wait for all; one result per message, None meaning confirmed."""
        return self.start_batch(messages).results()

    def start_batch(self, messages: Sequence[OutgoingMessage]) -> SentBatch:
        """Hand all messages to the producer; the broker's answers come with `results()`."""
        try:
            if self._settings.is_tansu:
                self._recreate_forgotten_topics({message.topic for message in messages})
            producer = self._get_producer()
        except KafkaError as exc:
            error = PublishError(f"cannot reach the broker: {exc}", retriable=True)
            return SentBatch(self, [error for _ in messages])
        futures: list[FutureRecordMetadata | KafkaError | PublishError] = []
        for message in messages:
            try:
                futures.append(
                    producer.send(
                        message.topic,
                        key=message.key,
                        value=message.value,
                        headers=message.headers,
                    )
                )
            except KafkaError as exc:
                futures.append(exc)
        return SentBatch(self, futures)

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    def _recreate_forgotten_topics(self, topics: set[str]) -> None:
        """Tansu keeps topics in memory only, and after a restart it confirms records sent to
        a topic it no longer has (or to a partition beyond an auto-created topic's four) and
        keeps none of them. So before each batch: create the registry's topics it lacks, and
        drop a producer whose partition counts are not the broker's (fresh metadata). One
        metadata request answers both."""
        if self._admin is None:
            if not self._settings.a_bootstrap_server_accepts():
                raise KafkaTimeoutError(f"no broker at {self._settings.bootstrap_servers}")
            self._admin = KafkaAdminClient(**self._settings.admin())
        try:
            # All topics, not just these: naming a missing topic would make Tansu create it.
            on_broker = {t["name"]: len(t["partitions"]) for t in self._admin.describe_topics()}
            wanted = wanted_topics()
            missing = {t: wanted[t] for t in topics - on_broker.keys() if t in wanted}
            if missing:
                ensure_topics(self._settings, missing)
            stale = self._producer is not None and (
                missing or self._partitions_differ(self._producer, on_broker, topics)
            )
            if stale:
                logger.warning("the broker lost topics; refreshing the producer's metadata")
                self._discard_producer()
        except KafkaError:
            admin, self._admin = self._admin, None
            admin.close()
            raise

    @staticmethod
    def _partitions_differ(
        producer: KafkaProducer, on_broker: dict[str, int], topics: set[str]
    ) -> bool:
        return any(
            len(producer.partitions_for(topic) or ()) != on_broker[topic]
            for topic in topics & on_broker.keys()
        )

    def _get_producer(self) -> KafkaProducer:
        if self._producer is None:
            # kafka-python leaks the sockets of a producer whose bootstrap fails, so do not
            # build one while no broker even accepts a connection.
            if not self._settings.a_bootstrap_server_accepts():
                raise KafkaTimeoutError(f"no broker at {self._settings.bootstrap_servers}")
            self._producer = KafkaProducer(**self._settings.producer())
        return self._producer

    def _wait(
        self, future: FutureRecordMetadata | KafkaError | PublishError
    ) -> PublishError | None:
        if isinstance(future, PublishError):
            return future
        if isinstance(future, KafkaError):
            return _as_publish_error(future, self._settings)
        try:
            future.get(timeout=self._send_timeout_s)
        except KafkaError as exc:
            return _as_publish_error(exc, self._settings)
        return None

    def _discard_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                producer.close(timeout=1)
            except KafkaError:
                logger.warning("closing a failed producer raised", exc_info=True)


class SentBatch:
    """Messages handed to the producer; `results()` waits for the broker's answer to each."""

    def __init__(
        self,
        publisher: KafkaPublisher,
        futures: list[FutureRecordMetadata | KafkaError | PublishError],
    ) -> None:
        self._publisher = publisher
        self._futures = futures

    def results(self) -> list[PublishError | None]:
        results = [self._publisher._wait(future) for future in self._futures]
        if results and all(result is not None and result.retriable for result in results):
            self._publisher._discard_producer()
        return results


def _as_publish_error(exc: KafkaError, settings: KafkaSettings) -> PublishError:
    retriable = bool(getattr(exc, "retriable", False)) or isinstance(exc, KafkaTimeoutError)
    # Tansu answers some sends right after a restart with UnknownError (an offset
    # collision in its memory store); a later attempt succeeds.
    if settings.is_tansu and isinstance(exc, UnknownError):
        retriable = True
    return PublishError(f"{type(exc).__name__}: {exc}", retriable=retriable)
