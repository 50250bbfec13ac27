"""Moving a meeting to another free slot of its advisor: the change, its event, both
sides' mails with the updated invitation, and the reminders moved along, in one
transaction (meeting_changes)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from sqlalchemy import Connection

from eventing.outbox import add_to_outbox
from notifications.adapters import meeting_mails
from notifications.adapters.meeting_events import rescheduled_event
from notifications.adapters.meeting_mails import (
    MeetingNews,
    queue_reminders,
    tell_both_sides,
    withdraw_reminders,
)
from notifications.domain.booking_errors import MeetingChanged, slot_taken
from notifications.domain.meetings import Company, Meeting
from notifications.services.meeting_changes import MeetingChanges


def reschedule_meeting(
    changes: MeetingChanges,
    company: Company,
    meeting_id: uuid.UUID,
    starts_at: datetime,
    now: datetime,
    *,
    client: str,
) -> Meeting:
    meeting = changes.store.meeting(company, meeting_id)
    if not meeting.active:
        raise MeetingChanged("The meeting was cancelled; book a new one.")
    if starts_at == meeting.starts_at:
        return meeting
    advisor = changes.store.advisor(meeting.advisor_id)
    with changes.engine.connect() as connection:
        changes.check_free(connection, advisor, starts_at, now, company=company, moving=meeting)
    moved = dataclasses.replace(
        meeting,
        starts_at=starts_at,
        ends_at=starts_at + (meeting.ends_at - meeting.starts_at),
        sequence=meeting.sequence + 1,
    )

    def move_meeting(connection: Connection) -> None:
        changes.change(
            connection,
            meeting,
            starts_at=moved.starts_at,
            ends_at=moved.ends_at,
            sequence=moved.sequence,
            updated_at=now,
        )
        changes.count(connection, company, client, now)
        add_to_outbox(connection, rescheduled_event(moved, meeting.starts_at, now))
        news = MeetingNews(meeting_mails.RESCHEDULED, moved, company, advisor, meeting.starts_at)
        withdraw_reminders(connection, meeting)
        tell_both_sides(connection, changes.links, news, now)
        queue_reminders(connection, changes.links, news, now)

    if not changes.write(move_meeting):
        raise slot_taken()
    return moved
