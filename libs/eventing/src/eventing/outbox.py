"""Transactional outbox: events are stored with the state change that caused them, then relayed.

A web request never waits for Kafka and a broker outage loses nothing: `add_to_outbox`
writes the encoded event in the caller's transaction, and `OutboxRelay` publishes stored
rows in order and marks them published once the broker confirmed them. A crash between the
confirmation and the mark publishes a row twice; consumers absorb that with their inbox.
Run one relay per service database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Connection, Engine, Row, and_, exists, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from eventing import metrics
from eventing.codec import encode, headers_for, kafka_key
from eventing.envelope import Envelope
from eventing.faults import fault_point
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage, PublishError
from eventing.tables import outbox
from eventing.topics import topic_for

logger = logging.getLogger(__name__)


def add_to_outbox(session: Session | Connection, envelope: Envelope) -> None:
    """Store the event in the caller's transaction; it is published after that commits."""
    session.execute(
        insert(outbox).values(
            event_id=envelope.event_id,
            topic=topic_for(envelope.event_type).name,
            message_key=kafka_key(envelope).decode(),
            event_type=envelope.event_type,
            version=envelope.version,
            payload=encode(envelope).decode(),
            created_at=datetime.now(UTC),
            attempts=0,
        )
    )


class OutboxRelay:
    def __init__(
        self,
        engine: Engine,
        publisher: KafkaPublisher,
        *,
        batch_size: int = 500,
        idle_wait_s: float = 0.05,
        max_backoff_s: float = 10.0,
        park_after_attempts: int = 5,
    ) -> None:
        self._engine = engine
        self._publisher = publisher
        self._batch_size = batch_size
        self._idle_wait_s = idle_wait_s
        self._max_backoff_s = max_backoff_s
        self._park_after_attempts = park_after_attempts

    def run(self, stop: threading.Event) -> None:
        """Relay until `stop` is set; waits briefly when idle, backs off while failing."""
        backoff_s = self._idle_wait_s
        while not stop.is_set():
            published, failed = self.relay_once()
            if failed:
                backoff_s = min(max(backoff_s * 2, 0.5), self._max_backoff_s)
                stop.wait(backoff_s)
            else:
                backoff_s = self._idle_wait_s
                if not published:
                    stop.wait(self._idle_wait_s)

    def relay_once(self) -> tuple[int, int]:
        """Publish one batch of pending rows; return (published, failed)."""
        rows = self._pending_rows()
        if not rows:
            return 0, 0
        oversized = [row for row in rows if len(row.payload) > self._publisher.max_message_bytes]
        sendable = [row for row in rows if row not in oversized]
        results = self._publisher.send_batch([_as_message(row) for row in sendable])
        fault_point("relay_after_ack_before_mark")
        outcome = dict(zip((row.seq for row in sendable), results, strict=True))
        for row in oversized:
            outcome[row.seq] = PublishError("larger than the broker accepts", retriable=False)
        published = _confirmed_in_key_order(rows, outcome)
        failed = {seq: error for seq, error in outcome.items() if error is not None}
        self._record(rows, published, failed)
        return len(published), len(failed)

    def _pending_rows(self) -> Sequence[Row]:
        held = outbox.alias("held")
        earlier_parked_same_key = exists().where(
            and_(
                held.c.message_key == outbox.c.message_key,
                held.c.seq < outbox.c.seq,
                held.c.parked_at.is_not(None),
                held.c.published_at.is_(None),
            )
        )
        query = (
            select(outbox)
            .where(outbox.c.published_at.is_(None), outbox.c.parked_at.is_(None))
            .where(~earlier_parked_same_key)
            .order_by(outbox.c.seq)
            .limit(self._batch_size)
        )
        with self._engine.connect() as connection:
            return connection.execute(query).all()

    def _record(
        self, rows: Sequence[Row], published: list[int], failed: dict[int, PublishError]
    ) -> None:
        now = datetime.now(UTC)
        attempts = {row.seq: row.attempts for row in rows}
        topics = {row.seq: row.topic for row in rows}
        with self._engine.begin() as connection:
            if published:
                connection.execute(
                    update(outbox).where(outbox.c.seq.in_(published)).values(published_at=now)
                )
            for seq, error in failed.items():
                tries = attempts[seq] + 1
                park = not error.retriable and tries >= self._park_after_attempts
                connection.execute(
                    update(outbox)
                    .where(outbox.c.seq == seq)
                    .values(
                        attempts=tries,
                        last_error=str(error)[:2000],
                        parked_at=now if park else None,
                    )
                )
                if park:
                    logger.error("outbox row %s parked after %s attempts: %s", seq, tries, error)
        for seq in published:
            metrics.OUTBOX_PUBLISHED.labels(topics[seq]).inc()
        for seq in failed:
            metrics.OUTBOX_FAILURES.labels(topics[seq]).inc()
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
        pending_rows = and_(outbox.c.published_at.is_(None), outbox.c.parked_at.is_(None))
        try:
            with self._engine.connect() as connection:
                pending, oldest = connection.execute(
                    select(func.count(), func.min(outbox.c.created_at)).where(pending_rows)
                ).one()
                parked = connection.execute(
                    select(func.count()).where(outbox.c.parked_at.is_not(None))
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


def _as_message(row: Row) -> OutgoingMessage:
    return OutgoingMessage(
        topic=row.topic,
        key=row.message_key.encode(),
        value=row.payload.encode(),
        headers=headers_for(row.event_type, row.version, row.event_id),
    )


def _confirmed_in_key_order(
    rows: Sequence[Row], outcome: dict[int, PublishError | None]
) -> list[int]:
    """Rows to mark published: per key, only those before the key's first failure.

    A later row of a key whose earlier row failed stays pending even if the broker took
    it, so it is sent again after the earlier one and consumers see the key's last word last.
    """
    blocked_keys: set[str] = set()
    confirmed = []
    for row in rows:
        if row.message_key in blocked_keys:
            continue
        if outcome[row.seq] is None:
            confirmed.append(row.seq)
        else:
            blocked_keys.add(row.message_key)
    return confirmed
