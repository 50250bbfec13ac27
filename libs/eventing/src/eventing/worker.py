"""The consumer worker loop every service runs: poll, decode, handle, commit, dead-letter.

Delivery is at least once: an offset is committed only after the handler's effect is
stored, so a crash redelivers and the inbox absorbs the repeat. Failures are sorted:
- a dependency that is down (database, SMTP ...) is retried in place with backoff, for as
  long as it takes, keeping the partition's order;
- a message no retry can fix (not decodable, unknown version, a PermanentError) goes to the
  topic's dead-letter queue with headers saying why, and the worker moves on;
- anything else is retried a few times, then dead-lettered.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from kafka import ConsumerRebalanceListener, KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.coordinator.base import MemberState
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from eventing import metrics
from eventing.codec import HEADER_EVENT_TYPE, InvalidMessage, UnknownEventType, decode
from eventing.envelope import Envelope
from eventing.faults import fault_point
from eventing.inbox import Outcome
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.kafka_settings import KafkaSettings
from eventing.topics import DLQ_SUFFIX
from servicekit.health import HealthFile
from servicekit.logs import correlation_id

logger = logging.getLogger(__name__)

Handler = Callable[[Envelope], Outcome | None]

_COMMITTED_TIMEOUT_MS = 5_000


class TransientError(Exception):
    """A dependency is unavailable; the same event should be tried again later."""


class PermanentError(Exception):
    """This event can never be handled; it belongs in the dead-letter queue."""


@dataclass(frozen=True)
class ConsumerSpec:
    name: str  # the consumer group id and the inbox's consumer name
    topics: tuple[str, ...]
    handlers: Mapping[tuple[str, int], Handler]
    # Few records per poll keep the time between polls short when handling is slow
    # (a PDF render), so the group does not evict a member that is merely busy.
    max_poll_records: int = 10


@dataclass(frozen=True)
class RetryPolicy:
    first_backoff_s: float = 0.2
    max_backoff_s: float = 30.0
    unclassified_attempts: int = 5


class _Verdict:
    DONE = "done"
    RETRY = "retry"


class ConsumerWorker:
    def __init__(
        self,
        spec: ConsumerSpec,
        settings: KafkaSettings,
        dead_letters: KafkaPublisher,
        *,
        retry: RetryPolicy | None = None,
        health: HealthFile | None = None,
    ) -> None:
        self._spec = spec
        self._settings = settings
        self._dead_letters = dead_letters
        self._retry = retry or RetryPolicy()
        self._health = health
        self._handled_types = {event_type for event_type, _ in spec.handlers}
        self._failures: dict[tuple[str, int, int], int] = {}

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set; the record in hand is finished, the rest redelivered."""
        consumer = KafkaConsumer(
            **self._settings.consumer(self._spec.name, max_poll_records=self._spec.max_poll_records)
        )
        # Only Tansu loses its log on a restart; Kafka's kept positions stay valid.
        assignments = _Assignments() if self._settings.loses_log_on_restart else None
        consumer.subscribe(topics=list(self._spec.topics), listener=assignments)
        backoff_s = self._retry.first_backoff_s
        try:
            while not stop.is_set():
                if self._health is not None:
                    self._health.beat()  # the loop turns, also while the broker is away
                try:
                    batch = consumer.poll(timeout_ms=200)
                    finish_stalled_join(consumer)
                    if assignments is not None and assignments.changed():
                        # Records fetched from the kept positions are dropped; they come
                        # again from the committed offsets.
                        _resume_from_committed(consumer)
                        continue
                except KafkaError as exc:
                    # The broker is away (a restart, a network cut): the consumer reconnects
                    # on the next poll and resumes from the committed offsets.
                    logger.warning("cannot poll %s: %s", self._spec.name, exc)
                    if assignments is not None:
                        # A seek to the committed offsets may be what failed: try it again.
                        assignments.mark_changed()
                    stop.wait(backoff_s)
                    backoff_s = min(backoff_s * 2, self._retry.max_backoff_s)
                    continue
                if self._process(consumer, batch, stop):
                    backoff_s = self._retry.first_backoff_s
                else:
                    stop.wait(backoff_s)
                    backoff_s = min(backoff_s * 2, self._retry.max_backoff_s)
        finally:
            self._close(consumer)

    def _process(
        self,
        consumer: KafkaConsumer,
        batch: Mapping[TopicPartition, list[ConsumerRecord]],
        stop: threading.Event,
    ) -> bool:
        """Handle a poll's records; commit what is done; False if something must be retried."""
        done: dict[TopicPartition, OffsetAndMetadata] = {}
        all_done = True
        for partition, records in batch.items():
            for record in records:
                if stop.is_set():
                    break
                if self._handle(record) is _Verdict.RETRY:
                    consumer.seek(partition, record.offset)
                    all_done = False
                    break
                done[partition] = OffsetAndMetadata(record.offset + 1, "", -1)
        if done:
            fault_point("after_effect_before_commit")
            self._commit(consumer, done)
        return all_done

    def _handle(self, record: ConsumerRecord) -> str:
        # The header names the type without parsing the body: events this consumer does not
        # handle (including future versions of them) pass by untouched.
        header_type = _header(record, HEADER_EVENT_TYPE)
        if record.value is None or (header_type and header_type not in self._handled_types):
            self._count(header_type or "-", "ignored")
            return _Verdict.DONE
        try:
            envelope = decode(record.value)
        except UnknownEventType as exc:
            self._count(str(exc), "ignored")
            return _Verdict.DONE
        except InvalidMessage as exc:
            return self._dead_letter(record, exc, "-")
        handler = self._spec.handlers.get((envelope.event_type, envelope.version))
        if handler is None:
            self._count(envelope.event_type, "ignored")
            return _Verdict.DONE
        with correlation_id(envelope.correlation_id):
            return self._run_handler(handler, envelope, record)

    def _run_handler(self, handler: Handler, envelope: Envelope, record: ConsumerRecord) -> str:
        started = time.perf_counter()
        try:
            outcome = handler(envelope) or Outcome.PROCESSED
        except (PermanentError, InvalidMessage) as exc:
            return self._dead_letter(record, exc, envelope.event_type)
        except Exception as exc:
            return self._after_failure(record, exc, envelope.event_type)
        metrics.EVENT_HANDLING_SECONDS.labels(self._spec.name, envelope.event_type).observe(
            time.perf_counter() - started
        )
        self._failures.pop(_position(record), None)
        self._count(envelope.event_type, outcome.value)
        return _Verdict.DONE

    def _after_failure(self, record: ConsumerRecord, exc: Exception, event_type: str) -> str:
        position = _position(record)
        attempts = self._failures.get(position, 0) + 1
        self._failures[position] = attempts
        if not _is_transient(exc) and attempts >= self._retry.unclassified_attempts:
            logger.error("giving up on %s after %d attempts: %r", event_type, attempts, exc)
            self._failures.pop(position, None)
            return self._dead_letter(record, exc, event_type, attempts=attempts)
        logger.warning("%s failed (attempt %d), will retry: %r", event_type, attempts, exc)
        metrics.EVENT_RETRIES.labels(self._spec.name, event_type).inc()
        return _Verdict.RETRY

    def _dead_letter(
        self, record: ConsumerRecord, exc: Exception, event_type: str, *, attempts: int = 1
    ) -> str:
        reason = [
            ("dlq.original.topic", record.topic.encode()),
            ("dlq.original.partition", str(record.partition).encode()),
            ("dlq.original.offset", str(record.offset).encode()),
            ("dlq.consumer", self._spec.name.encode()),
            ("dlq.error.class", type(exc).__name__.encode()),
            ("dlq.error.message", str(exc)[:1000].encode()),
            ("dlq.attempts", str(attempts).encode()),
            ("dlq.failed_at", datetime.now(UTC).isoformat().encode()),
        ]
        message = OutgoingMessage(
            topic=record.topic + DLQ_SUFFIX,
            key=record.key,
            value=record.value,
            headers=list(record.headers or []) + reason,
        )
        [error] = self._dead_letters.send_batch([message])
        if error is not None:
            logger.error("cannot dead-letter %s, will retry: %s", event_type, error)
            return _Verdict.RETRY
        logger.error(
            "dead-lettered %s from %s[%d]@%d: %s",
            event_type,
            record.topic,
            record.partition,
            record.offset,
            exc,
        )
        self._count(event_type, "dead_lettered")
        return _Verdict.DONE

    def _commit(
        self, consumer: KafkaConsumer, offsets: dict[TopicPartition, OffsetAndMetadata]
    ) -> None:
        try:
            consumer.commit(offsets)
        except CommitFailedError:
            # The group moved these partitions to another member, which will redeliver;
            # the inbox turns that into a no-op.
            logger.warning("offset commit refused after a rebalance; records will be redelivered")

    def _close(self, consumer: KafkaConsumer) -> None:
        if not self._settings.leave_group_on_close:
            coordinator = consumer._coordinator  # private, but the only way; see kafka_settings
            # Replacing a method of kafka-python's object is the patch itself.
            coordinator.maybe_leave_group = lambda reason=None, timeout_ms=None: (  # type: ignore[method-assign]
                coordinator.reset_generation()
            )
        try:
            consumer.close(autocommit=False)
        except KafkaError:
            logger.warning("consumer did not close cleanly", exc_info=True)

    def _count(self, event_type: str, outcome: str) -> None:
        metrics.EVENTS_CONSUMED.labels(self._spec.name, event_type, outcome).inc()


class _Assignments(ConsumerRebalanceListener):
    """Notes that the group assigned partitions, for the worker to act on after the poll.

    kafka-python keeps a partition's fetch position when a rebalance gives it back to the
    same member. On a broker that lost its log (a restarted Tansu keeps nothing) that
    position lies beyond the new end, and since Tansu never answers OFFSET_OUT_OF_RANGE the
    partition is silently never read again. So after every assignment the worker seeks to the
    group's committed offsets, as the eager protocol intends. The listener runs on the
    client's I/O loop, where it must not block, so it only raises a flag.
    """

    def __init__(self) -> None:
        self._changed = threading.Event()

    def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        pass

    def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._changed.set()

    def mark_changed(self) -> None:
        self._changed.set()

    def changed(self) -> bool:
        was_set = self._changed.is_set()
        self._changed.clear()
        return was_set


def finish_stalled_join(consumer: KafkaConsumer) -> None:
    """Gets a member out of a rebalance that kafka-python 3.0.12 would leave unfinished.

    When metadata arriving after a join starts a rebalance, only the difference between the
    leader's assignment snapshot and the metadata asks for it. Assigning updates the snapshot
    while the SyncGroup is still on its way; a poll that times out in that window returns,
    and the next poll no longer sees a reason to rejoin, so nothing ever finishes the join.
    The member stays "rebalancing" without partitions or heartbeats; the broker evicts it and
    it never learns. Measured on Apache Kafka: 9 of 10 fresh members that poll every
    millisecond stall; in CI it stalled an end-to-end test's reporting worker and a worker
    across a broker restart. Asking again makes a later poll finish a join, at the cost of
    another rebalance.
    """
    coordinator = consumer._coordinator  # private, but the stalled state is only visible here
    if coordinator.state is MemberState.REBALANCING and not coordinator.need_rejoin():
        coordinator.request_rejoin()


def _resume_from_committed(consumer: KafkaConsumer) -> None:
    for partition in consumer.assignment():
        committed = consumer.committed(partition, timeout_ms=_COMMITTED_TIMEOUT_MS)
        if committed is None:
            consumer.seek_to_beginning(partition)  # what auto_offset_reset="earliest" does
        else:
            consumer.seek(partition, committed)


def _position(record: ConsumerRecord) -> tuple[str, int, int]:
    return (record.topic, record.partition, record.offset)


def _header(record: ConsumerRecord, name: str) -> str | None:
    for key, value in record.headers or []:
        if key == name and value is not None:
            raw: bytes = value
            return raw.decode(errors="replace")
    return None


def _is_transient(exc: Exception) -> bool:
    """A dependency that is down or busy, as opposed to a bug or a bad event."""
    if isinstance(
        exc, TransientError | ConnectionError | TimeoutError | OperationalError | InterfaceError
    ):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated
