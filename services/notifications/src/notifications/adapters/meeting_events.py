"""The `meeting.*` events a booking, move or cancellation publishes (through the outbox,
in the same transaction as the change)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventing.envelope import Envelope, new_envelope
from notifications.domain.meetings import Company, Meeting

PRODUCER = "notifications"


def booked_event(meeting: Meeting, company: Company, now: datetime) -> Envelope:
    return _envelope(
        "meeting.booked",
        meeting,
        company_id=company.company_id,
        advisor_id=meeting.advisor_id,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        timezone=meeting.timezone,
        booked_at=now,
    )


def rescheduled_event(meeting: Meeting, previous_starts_at: datetime, now: datetime) -> Envelope:
    return _envelope(
        "meeting.rescheduled",
        meeting,
        previous_starts_at=previous_starts_at,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        rescheduled_at=now,
    )


def cancelled_event(meeting: Meeting, by: str, now: datetime) -> Envelope:
    return _envelope("meeting.cancelled", meeting, cancelled_at=now, cancelled_by=by)


def _envelope(event_type: str, meeting: Meeting, **data: Any) -> Envelope:
    return new_envelope(
        event_type,
        1,
        {
            "meeting_id": meeting.id,
            "assessment_id": meeting.assessment_id,
            "sequence": meeting.sequence,
            **data,
        },
        producer=PRODUCER,
        # The assessment id through the whole flow.
        correlation_id=str(meeting.assessment_id),
    )
