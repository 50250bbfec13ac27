"""Report and meeting status of a submitted assessment, kept from the other services' events.

The handlers run inside the consumer worker's inbox transaction, so each event changes the
status once. Meeting events carry the booking's sequence; a late, older one is ignored.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from assessment.adapters.tables import (
    MEETING_BOOKED,
    MEETING_CANCELLED,
    MEETING_NONE,
    REPORT_FAILED,
    REPORT_PENDING,
    REPORT_READY,
    assessments,
    follow_ups,
)
from eventing.envelope import Envelope

logger = logging.getLogger(__name__)


def report_generated(session: Session, event: Envelope) -> None:
    data = event.data
    _change(
        session,
        data["assessment_id"],
        report_status=REPORT_READY,
        report_url=data["download_url"],
        report_pages=data["pages"],
        report_failure=None,
    )


def report_failed(session: Session, event: Envelope) -> None:
    current = _current(session, event.data["assessment_id"])
    if current is not None and current["report_status"] == REPORT_READY:
        return  # a failed retry after a report that exists changes nothing for the company
    _change(
        session,
        event.data["assessment_id"],
        report_status=REPORT_FAILED,
        report_failure=event.data["reason"][:500],
    )


def meeting_booked(session: Session, event: Envelope) -> None:
    _change_meeting(session, event, MEETING_BOOKED)


def meeting_rescheduled(session: Session, event: Envelope) -> None:
    _change_meeting(session, event, MEETING_BOOKED)


def meeting_cancelled(session: Session, event: Envelope) -> None:
    _change_meeting(session, event, MEETING_CANCELLED)


def follow_up_status(connection: Connection, assessment_id: uuid.UUID) -> dict[str, Any]:
    """The status as the result page and API show it."""
    row = _current(connection, assessment_id) or {
        "report_status": REPORT_PENDING,
        "meeting_status": MEETING_NONE,
    }
    report: dict[str, Any] = {"status": row["report_status"]}
    if row["report_status"] == REPORT_READY:
        report |= {"download_url": row["report_url"], "pages": row["report_pages"]}
    meeting: dict[str, Any] = {"status": row["meeting_status"]}
    if row["meeting_status"] != MEETING_NONE:
        meeting |= {
            "id": str(row["meeting_id"]),
            "starts_at": row["meeting_starts_at"].isoformat(),
            "ends_at": row["meeting_ends_at"].isoformat(),
        }
    return {"report": report, "meeting": meeting}


def _change_meeting(session: Session, event: Envelope, status: str) -> None:
    data = event.data
    current = _current(session, data["assessment_id"])
    known_sequence = None if current is None else current["meeting_sequence"]
    same_meeting = current is not None and current["meeting_id"] == data["meeting_id"]
    if same_meeting and known_sequence is not None and data["sequence"] <= known_sequence:
        logger.info("ignoring %s: sequence %s is not newer", event.event_type, data["sequence"])
        return
    times = {}
    if "starts_at" in data:  # booked and rescheduled carry the (new) time; cancelled does not
        times = {"meeting_starts_at": data["starts_at"], "meeting_ends_at": data["ends_at"]}
    _change(
        session,
        data["assessment_id"],
        meeting_status=status,
        meeting_id=data["meeting_id"],
        meeting_sequence=data["sequence"],
        **times,
    )


def _change(session: Session, assessment_id: uuid.UUID, **values: Any) -> None:
    exists = session.execute(
        select(assessments.c.id).where(assessments.c.id == assessment_id)
    ).first()
    if exists is None:
        # Erased, or an event for another installation; nothing to show it on.
        logger.warning("follow-up event for unknown assessment %s ignored", assessment_id)
        return
    values["updated_at"] = datetime.now(UTC)
    if _current(session, assessment_id) is None:
        defaults = {"report_status": REPORT_PENDING, "meeting_status": MEETING_NONE}
        session.execute(
            insert(follow_ups).values(assessment_id=assessment_id, **(defaults | values))
        )
    else:
        session.execute(
            update(follow_ups).where(follow_ups.c.assessment_id == assessment_id).values(values)
        )


def _current(db: Session | Connection, assessment_id: uuid.UUID) -> Mapping[str, Any] | None:
    row = db.execute(select(follow_ups).where(follow_ups.c.assessment_id == assessment_id)).first()
    return None if row is None else row._asdict()
