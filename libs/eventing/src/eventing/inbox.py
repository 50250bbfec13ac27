"""Inbox: which events a consumer has already applied, recorded with the effect itself.

A redelivered event (at-least-once delivery, a relay that published twice, a consumer that
died before committing its offset) finds its id here and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy.orm import Session, sessionmaker

from eventing.envelope import Envelope
from eventing.tables import inbox
from servicekit.db import dialect_insert


class Outcome(Enum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"


def first_delivery(session: Session, consumer: str, envelope: Envelope) -> bool:
    """Record the event for this consumer; False if it was recorded before.

    Must run in the same transaction as the effect, so both are stored or neither is.
    """
    values = {
        "consumer": consumer,
        "event_id": envelope.event_id,
        "event_type": envelope.event_type,
        "processed_at": datetime.now(UTC),
    }
    statement = (
        dialect_insert(session, inbox)
        .values(values)
        .on_conflict_do_nothing()
        .returning(inbox.c.event_id)
    )
    return session.execute(statement).first() is not None


Effect = Callable[[Session, Envelope], None]


def apply_once(
    session_factory: sessionmaker[Session], consumer: str, effect: Effect
) -> Callable[[Envelope], Outcome]:
    """Wrap an effect into a handler that applies it at most once per event, atomically."""

    def handler(envelope: Envelope) -> Outcome:
        with session_factory.begin() as session:
            if not first_delivery(session, consumer, envelope):
                return Outcome.DUPLICATE
            effect(session, envelope)
        return Outcome.PROCESSED

    return handler
