"""Booking a meeting: a free slot of one of the company's advisors, with its event, both
sides' mails and invitations, and the reminders, in one transaction (meeting_changes).

A repeat with the same Idempotency-Key returns the first booking, also when the repeat
raced the first request and lost the write to it.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert

from eventing.outbox import add_to_outbox
from notifications.adapters import meeting_mails
from notifications.adapters.advisor_store import advisors_for
from notifications.adapters.booking_store import active_meeting, meeting_by_idempotency_key
from notifications.adapters.meeting_events import booked_event
from notifications.adapters.meeting_mails import MeetingNews, queue_reminders, tell_both_sides
from notifications.adapters.tables import meetings
from notifications.domain.booking_errors import (
    AlreadyBooked,
    IdempotencyKeyReused,
    NotOffered,
    SlotTaken,
    already_booked,
    slot_taken,
)
from notifications.domain.meetings import MEETING_BOOKED, Company, Meeting
from notifications.services.meeting_changes import MeetingChanges


@dataclass(frozen=True)
class Booked:
    meeting: Meeting
    created: bool  # False: an Idempotency-Key repeat, the first booking is returned


def book_meeting(
    changes: MeetingChanges,
    company: Company,
    advisor_id: uuid.UUID,
    starts_at: datetime,
    now: datetime,
    *,
    client: str,
    idempotency_key: str | None = None,
) -> Booked:
    # Keys are the client's; scoped to the company, so two companies never collide.
    key = None if idempotency_key is None else f"{company.assessment_id}:{idempotency_key}"
    repeated = _repeat(changes, key, advisor_id, starts_at)
    if repeated is not None:
        return repeated
    with changes.engine.connect() as connection:
        advisor = next((a for a in advisors_for(connection, company) if a.id == advisor_id), None)
        if advisor is None:
            raise NotOffered("This advisor does not offer meetings to this company.")
        try:
            changes.check_free(connection, advisor, starts_at, now, company=company, moving=None)
        except (SlotTaken, AlreadyBooked):
            # A concurrent repeat of this very request may have taken it since the look-up
            # above: then its meeting is the answer.
            repeated = _repeat(changes, key, advisor_id, starts_at)
            if repeated is None:
                raise
            return repeated
    meeting = Meeting(
        id=uuid.uuid4(),
        assessment_id=company.assessment_id,
        advisor_id=advisor.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=advisor.meeting_minutes),
        timezone=advisor.timezone,
        status=MEETING_BOOKED,
        sequence=0,
        idempotency_key=key,
        created_at=now,
        cancelled_at=None,
    )

    def insert_meeting(connection: Connection) -> None:
        connection.execute(
            insert(meetings).values(**_row(meeting), updated_at=now, cancelled_by=None)
        )
        changes.count(connection, company, client, now)
        add_to_outbox(connection, booked_event(meeting, company, now))
        news = MeetingNews(meeting_mails.BOOKED, meeting, company, advisor)
        tell_both_sides(connection, changes.links, news, now)
        queue_reminders(connection, changes.links, news, now)

    if not changes.write(insert_meeting):
        return _after_lost_race(changes, company, key, advisor_id, starts_at)
    return Booked(meeting, created=True)


def _repeat(
    changes: MeetingChanges, key: str | None, advisor_id: uuid.UUID, starts_at: datetime
) -> Booked | None:
    if key is None:
        return None
    with changes.engine.connect() as connection:
        first = meeting_by_idempotency_key(connection, key)
    if first is None:
        return None
    if not _same_request(first, advisor_id, starts_at):
        raise IdempotencyKeyReused(
            "This Idempotency-Key was used for another booking; use a new key."
        )
    return Booked(first, created=False)


def _after_lost_race(
    changes: MeetingChanges,
    company: Company,
    key: str | None,
    advisor_id: uuid.UUID,
    starts_at: datetime,
) -> Booked:
    """An insert was refused by a constraint: a concurrent repeat of this very request,
    a concurrent booking of this company, or (mostly) someone else took the time."""
    repeated = _repeat(changes, key, advisor_id, starts_at)
    if repeated is not None:
        return repeated
    with changes.engine.connect() as connection:
        if active_meeting(connection, company.assessment_id) is not None:
            raise already_booked()
    raise slot_taken()


def _same_request(first: Meeting, advisor_id: uuid.UUID, starts_at: datetime) -> bool:
    return first.advisor_id == advisor_id and first.starts_at == starts_at


def _row(meeting: Meeting) -> dict[str, Any]:
    return {field.name: getattr(meeting, field.name) for field in dataclasses.fields(meeting)}
