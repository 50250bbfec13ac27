"""Transactional outbox: events are stored with the state change that caused them, then relayed.

A web request never waits for Kafka and a broker outage loses nothing: `add_to_outbox`
writes the encoded event in the caller's transaction, and `OutboxRelay` publishes stored
rows in order and deletes them once the broker confirmed them. A crash between the
confirmation and the delete publishes a row twice; consumers absorb that with their inbox.
Run one relay per service database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Connection, Engine, Row, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from eventing import metrics
from eventing.codec import encode, headers_for, kafka_key
from eventing.envelope import Envelope
from eventing.faults import fault_point
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage, PublishError, SentBatch
from eventing.tables import outbox, outbox_parked
from eventing.topics import topic_for
from servicekit.health import HealthFile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxEntry:
    """An event encoded for the outbox, ready to be stored."""

    values: Mapping[str, Any]


def outbox_entry(envelope: Envelope) -> OutboxEntry:
    """Encode (and so check) the event now. A caller holding a lock while it writes encodes
    first: on SQLite the write lock is the whole database's, and encoding a large event (a
    scored assessment, ~25 KB) inside it made every other writer wait."""
    return OutboxEntry(
        {
            "event_id": envelope.event_id,
            "topic": topic_for(envelope.event_type).name,
            "message_key": kafka_key(envelope).decode(),
            "event_type": envelope.event_type,
            "version": envelope.version,
            "payload": encode(envelope).decode(),
            "attempts": 0,
        }
    )


def add_to_outbox(session: Session | Connection, event: Envelope | OutboxEntry) -> None:
    """Store the event in the caller's transaction; it is published after that commits."""
    entry = event if isinstance(event, OutboxEntry) else outbox_entry(event)
    session.execute(insert(outbox).values(**entry.values, created_at=datetime.now(UTC)))


@dataclass(frozen=True)
class _Batch:
    rows: Sequence[Row[Any]]  # as read, in order
    sent: list[Row[Any]]  # handed to the producer
    refused: dict[int, PublishError | None]  # known failures, never sent
    in_flight: SentBatch


class OutboxRelay:
    def __init__(
        self,
        engine: Engine,
        publisher: KafkaPublisher,
        *,
        batch_size: int = 500,
        # An idle relay looks at the table after idle_wait_s, then less often, up to
        # max_idle_wait_s: quick after a burst, and a quiet relay costs next to no CPU.
        idle_wait_s: float = 0.02,
        max_idle_wait_s: float = 0.05,
        max_backoff_s: float = 10.0,
        park_after_attempts: int = 5,
    ) -> None:
        self._engine = engine
        self._publisher = publisher
        self._batch_size = batch_size
        self._idle_wait_s = idle_wait_s
        self._max_idle_wait_s = max_idle_wait_s
        self._max_backoff_s = max_backoff_s
        self._park_after_attempts = park_after_attempts

    def run(self, stop: threading.Event, *, health: HealthFile | None = None) -> None:
        """Relay until `stop` is set; waits briefly when idle, backs off while failing.

        Pipelined: while one batch is on its way to the broker, the relay reads the next
        batch and, once the first is confirmed and the next sent, deletes the first. The next
        batch is sent only after the one before it was confirmed in full, so a failure never
        lets a later event of its key overtake it.
        """
        backoff_s = idle_s = self._idle_wait_s
        in_flight: _Batch | None = None
        while not stop.is_set():
            if health is not None:
                health.beat()
            try:
                if in_flight is None:
                    in_flight = self._send(self._pending_rows())
                    if in_flight is None:
                        stop.wait(idle_s)
                        idle_s = min(idle_s * 2, self._max_idle_wait_s)
                        continue
                    idle_s = self._idle_wait_s
                following = self._pending_rows(excluding=[row.seq for row in in_flight.rows])
                published, failed = self._settle(in_flight)
                settled, in_flight = in_flight, None
                if not failed:
                    in_flight = self._send(following)
                self._record(settled.rows, published, failed)
                troubled = bool(failed)
            except DBAPIError as exc:
                # The database is away (a restart, a fail-over, a terminated connection).
                # What was sent but not yet deleted stays in the table and goes out again,
                # in order, once the database is back; the consumers' inbox absorbs it.
                logger.warning("outbox: the database is unavailable (%s); retrying", exc.orig)
                if in_flight is not None:
                    self._settle(in_flight)
                    in_flight = None
                troubled = True
            if troubled:
                backoff_s = min(max(backoff_s * 2, 0.5), self._max_backoff_s)
                stop.wait(backoff_s)
            else:
                backoff_s = self._idle_wait_s
        if in_flight is not None:  # a clean stop leaves nothing to publish twice
            self._record(in_flight.rows, *self._settle(in_flight))

    def relay_once(self) -> tuple[int, int]:
        """Publish one batch of pending rows, wait for it, record it; (published, failed)."""
        batch = self._send(self._pending_rows())
        if batch is None:
            return 0, 0
        published, failed = self._settle(batch)
        self._record(batch.rows, published, failed)
        return len(published), len(failed)

    def _send(self, rows: Sequence[Row[Any]]) -> _Batch | None:
        if not rows:
            return None
        refused: dict[int, PublishError | None] = {}
        sendable = []
        refused_keys: set[str] = set()
        for row in rows:
            if row.message_key in refused_keys:
                continue  # must not overtake the refused row of its key; stays pending
            if len(row.payload) > self._publisher.max_message_bytes:
                refused[row.seq] = PublishError("larger than the broker accepts", retriable=False)
                refused_keys.add(row.message_key)
            else:
                sendable.append(row)
        in_flight = self._publisher.start_batch([_as_message(row) for row in sendable])
        return _Batch(rows, sendable, refused, in_flight)

    def _settle(self, batch: _Batch) -> tuple[list[int], dict[int, PublishError]]:
        """Wait for the broker's answers; which rows are published, which failed and why."""
        outcome = dict(batch.refused)
        outcome.update(zip((row.seq for row in batch.sent), batch.in_flight.results(), strict=True))
        fault_point("relay_after_ack_before_mark")
        published = _confirmed_in_key_order(batch.rows, outcome)
        failed = {seq: error for seq, error in outcome.items() if error is not None}
        return published, failed

    def _pending_rows(self, excluding: Sequence[int] = ()) -> Sequence[Row[Any]]:
        """The next batch in order, leaving out every row of a key that has a parked row."""
        query = (
            select(outbox)
            .where(outbox.c.message_key.not_in(select(outbox_parked.c.message_key)))
            .order_by(outbox.c.seq)
            .limit(self._batch_size)
        )
        if excluding:
            query = query.where(outbox.c.seq.not_in(excluding))
        with self._engine.connect() as connection:
            return connection.execute(query).all()

    def _record(
        self, rows: Sequence[Row[Any]], published: list[int], failed: dict[int, PublishError]
    ) -> None:
        by_seq = {row.seq: row for row in rows}
        with self._engine.begin() as connection:
            if published:
                # Kafka holds the events now; the rows (personal data among them) can go.
                connection.execute(delete(outbox).where(outbox.c.seq.in_(published)))
            for seq, error in failed.items():
                tries = by_seq[seq].attempts + 1
                values = {"attempts": tries, "last_error": str(error)[:2000]}
                if error.retriable or tries < self._park_after_attempts:
                    connection.execute(update(outbox).where(outbox.c.seq == seq).values(values))
                    continue
                parked = {**by_seq[seq]._mapping, **values, "parked_at": datetime.now(UTC)}
                connection.execute(insert(outbox_parked).values(parked))
                connection.execute(delete(outbox).where(outbox.c.seq == seq))
                logger.error("outbox row %s parked after %s attempts: %s", seq, tries, error)
        for seq in published:
            metrics.OUTBOX_PUBLISHED.labels(by_seq[seq].topic).inc()
        for seq in failed:
            metrics.OUTBOX_FAILURES.labels(by_seq[seq].topic).inc()
        if failed:
            logger.warning(
                "outbox: %d of %d rows not published, first error: %s",
                len(failed),
                len(rows),
                next(iter(failed.values())),
            )


class OutboxCollector(Collector):
    """Outbox backlog read from the database at scrape time, by whichever process serves
    /metrics: the relay may be down, which is exactly when the backlog matters."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            with self._engine.connect() as connection:
                pending, oldest = connection.execute(
                    select(func.count(), func.min(outbox.c.created_at))
                ).one()
                parked = connection.execute(
                    select(func.count()).select_from(outbox_parked)
                ).scalar_one()
        except SQLAlchemyError as exc:
            # /readyz reports the database; /metrics still serves everything else.
            logger.warning("outbox metrics unavailable: %s", type(exc).__name__)
            return
        lag = 0.0 if oldest is None else (datetime.now(UTC) - oldest).total_seconds()
        yield GaugeMetricFamily(
            "wegweiser_outbox_pending", "Outbox rows not yet published.", pending
        )
        yield GaugeMetricFamily(
            "wegweiser_outbox_parked",
            "Outbox rows that can never be published; need a person.",
            parked,
        )
        yield GaugeMetricFamily(
            "wegweiser_outbox_lag_seconds", "Age of the oldest unpublished outbox row.", lag
        )


def _as_message(row: Row[Any]) -> OutgoingMessage:
    return OutgoingMessage(
        topic=row.topic,
        key=row.message_key.encode(),
        value=row.payload.encode(),
        headers=headers_for(row.event_type, row.version, row.event_id),
    )


def _confirmed_in_key_order(
    rows: Sequence[Row[Any]], outcome: dict[int, PublishError | None]
) -> list[int]:
    """Rows the broker confirmed that may count as published: per key, those before its first
    failure (or its first row left unsent).

    A later row of a key whose earlier row failed stays pending even if the broker took
    it, so it is sent again after the earlier one and consumers see the key's last word last.
    """
    blocked_keys: set[str] = set()
    confirmed = []
    for row in rows:
        if row.message_key in blocked_keys:
            continue
        if row.seq in outcome and outcome[row.seq] is None:
            confirmed.append(row.seq)
        else:  # failed, or not sent at all
            blocked_keys.add(row.message_key)
    return confirmed
