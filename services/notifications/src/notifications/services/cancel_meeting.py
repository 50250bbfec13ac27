"""Cancelling a meeting: the change, its event, both sides told with the CANCEL invitation,
and the reminders withdrawn, in one transaction. Cancelling a cancelled meeting changes
and sends nothing."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from eventing.outbox import add_to_outbox
from notifications.adapters import meeting_mails
from notifications.adapters.meeting_events import cancelled_event
from notifications.adapters.meeting_mails import MeetingNews, tell_both_sides, withdraw_reminders
from notifications.domain.meetings import MEETING_CANCELLED, Company, Meeting
from notifications.services.meeting_changes import MeetingChanges


def cancel_meeting(
    changes: MeetingChanges,
    company: Company,
    meeting_id: uuid.UUID,
    now: datetime,
    *,
    client: str,
    by: str = "company",
) -> Meeting:
    meeting = changes.store.meeting(company, meeting_id)
    if not meeting.active:
        return meeting
    cancelled = dataclasses.replace(
        meeting, status=MEETING_CANCELLED, sequence=meeting.sequence + 1, cancelled_at=now
    )
    advisor = changes.store.advisor(meeting.advisor_id)
    with changes.engine.begin() as connection:
        changes.change(
            connection,
            meeting,
            status=MEETING_CANCELLED,
            sequence=cancelled.sequence,
            cancelled_at=now,
            cancelled_by=by,
            updated_at=now,
        )
        changes.count(connection, company, client, now)
        add_to_outbox(connection, cancelled_event(cancelled, by, now))
        withdraw_reminders(connection, meeting)
        tell_both_sides(
            connection,
            changes.links,
            MeetingNews(meeting_mails.CANCELLED, cancelled, company, advisor),
            now,
        )
    return cancelled
