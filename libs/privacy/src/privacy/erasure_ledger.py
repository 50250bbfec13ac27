"""The GDPR erasure saga as every service runs it, and the ledger that keeps erased data erased.

`erasure.requested` (topic privacy-events, keyed by company id) names a company and its
assessments. Each service deletes or anonymises its copies, notes the ids in the
`erasure_ledger` table of its database (eventing.tables) and puts `erasure.completed` into
its outbox, all in one transaction. Events about those ids that arrive later — late,
redelivered, replayed after an offset reset or from a dead-letter queue, restored from a
backup — find the ids in the ledger and change nothing (`unless_erased`), so nothing erased
comes back.

The ledger holds only random ids and times: nothing that names or reaches a person.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Effect
from eventing.outbox import add_to_outbox
from eventing.tables import erasure_ledger, outbox, outbox_parked
from servicekit.db import dialect_insert

logger = logging.getLogger(__name__)

KIND_COMPANY, KIND_ASSESSMENT = "company", "assessment"


@dataclass(frozen=True)
class ErasureRequest:
    """The data of `erasure.requested`, as the erasing services use it."""

    erasure_id: uuid.UUID
    company_id: uuid.UUID
    assessment_ids: tuple[uuid.UUID, ...]
    requested_by: str
    requested_at: datetime

    @classmethod
    def from_event(cls, event: Envelope) -> ErasureRequest:
        data = event.data
        return cls(
            data["erasure_id"],
            data["company_id"],
            tuple(data["assessment_ids"]),
            data["requested_by"],
            data["requested_at"],
        )


def lock(session: Session, subject_ids: Iterable[uuid.UUID]) -> None:
    """Serialise an erasure with any effect on the same ids until the transaction ends.

    On PostgreSQL a check of the ledger cannot lock a row that does not exist yet, so a
    concurrent effect could pass the check while an erasure is about to commit; a
    transaction-scoped advisory lock per id closes that gap. SQLite has one writer at a
    time anyway.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for subject_id in sorted(set(subject_ids)):  # one order everywhere: no deadlock
        key = int.from_bytes(subject_id.bytes[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def holds_any(session: Session, subject_ids: Iterable[uuid.UUID]) -> bool:
    ids = list(set(subject_ids))
    if not ids:
        return False
    found = session.execute(
        select(erasure_ledger.c.subject_id).where(erasure_ledger.c.subject_id.in_(ids)).limit(1)
    )
    return found.first() is not None


def record(session: Session, request: ErasureRequest, now: datetime) -> None:
    subjects = [(request.company_id, KIND_COMPANY)] + [
        (assessment_id, KIND_ASSESSMENT) for assessment_id in request.assessment_ids
    ]
    for subject_id, kind in subjects:
        session.execute(
            dialect_insert(session, erasure_ledger)
            .values(subject_id=subject_id, kind=kind, erasure_id=request.erasure_id, erased_at=now)
            .on_conflict_do_nothing()
        )


def event_subjects(event: Envelope) -> set[uuid.UUID]:
    """The company and assessment ids an event is about (every event names at least one)."""
    data = event.data
    ids = {data.get("assessment_id"), data.get("company_id"), *data.get("assessment_ids", ())}
    return {subject for subject in ids if isinstance(subject, uuid.UUID)}


def unless_erased(effect: Effect) -> Effect:
    """Wrap a consumer's effect so that it does nothing for erased ids (the event is still
    recorded in the inbox by apply_once, so it is not handled again)."""

    def guarded(session: Session, event: Envelope) -> None:
        subjects = event_subjects(event)
        lock(session, subjects)
        if holds_any(session, subjects):
            logger.info("%s about erased data ignored", event.event_type)
            return
        effect(session, event)

    return guarded


# Erases the service's copies; returns the assessment ids it found of the company, which may
# be more than the request named (the taker of the request knows only its own copies).
Erase = Callable[[Session, ErasureRequest], Iterable[uuid.UUID]]


def erasure_effect(service: str, erase: Erase) -> Effect:
    """The effect of `erasure.requested` in `service`: erase, note in the ledger, report.

    Idempotent: a second request for the same company erases nothing more and completes
    again, so its requester hears back as well.
    """

    def effect(session: Session, event: Envelope) -> None:
        request = ErasureRequest.from_event(event)
        lock(session, [request.company_id, *request.assessment_ids])
        found = set(erase(session, request)) - set(request.assessment_ids)
        request = replace(request, assessment_ids=(*request.assessment_ids, *sorted(found)))
        forget_unsent_events(session, request.assessment_ids)
        now = datetime.now(UTC)
        record(session, request, now)
        add_to_outbox(session, completed_event(service, request, event, now))
        logger.info("erasure %s done in %s", request.erasure_id, service)

    return effect


def forget_unsent_events(session: Session, assessment_ids: Iterable[uuid.UUID]) -> None:
    """Drop the service's not yet published events about the assessments: they carry the
    company's data (names, addresses, answers) and nobody may act on them any more."""
    keys = [str(assessment_id) for assessment_id in assessment_ids]
    if keys:
        for table in (outbox, outbox_parked):
            session.execute(delete(table).where(table.c.message_key.in_(keys)))


def completed_event(
    service: str, request: ErasureRequest, cause: Envelope, now: datetime
) -> Envelope:
    data = {
        "erasure_id": request.erasure_id,
        "company_id": request.company_id,
        "service": service,
        "completed_at": now,
    }
    return new_envelope(
        "erasure.completed",
        1,
        data,
        producer=service,
        correlation_id=str(request.erasure_id),
        causation_id=str(cause.event_id),
    )


def requested_event(
    producer: str,
    company_id: uuid.UUID,
    assessment_ids: Iterable[uuid.UUID],
    requested_by: str,
    now: datetime,
) -> Envelope:
    """A new `erasure.requested`; the taker of the request puts it into its outbox."""
    erasure_id = uuid.uuid4()
    data: dict[str, Any] = {
        "erasure_id": erasure_id,
        "company_id": company_id,
        "assessment_ids": sorted(set(assessment_ids)),
        "requested_at": now,
        "requested_by": requested_by,
    }
    return new_envelope(
        "erasure.requested", 1, data, producer=producer, correlation_id=str(erasure_id)
    )
