"""What booking, moving and cancelling a meeting share: the check before the write, the
write with its retry, the update that notices a concurrent change, and the request limit.

Each change is one transaction holding the meeting row, its `meeting.*` event (outbox) and
its mails (mail outbox), so none exists without the others. Whether a slot is free is
decided by the database: an exclusion constraint (SQLite: triggers) keeps an advisor's
active meetings from overlapping, a partial unique index keeps a company to one active
meeting, a unique key to one booking per Idempotency-Key. Of two concurrent bookings or
moves onto one time the second write fails and is answered 409 (`write` is where); the
check before the write only spares the common case a failed write and tells a time never
offered (422) from a taken one (409).

Reminders 24 h ahead are queued with the booking (sent not before their time) and
withdrawn when the meeting is moved or cancelled, so nobody is reminded of a meeting that
no longer takes place at that time (adapters/meeting_mails.py). The changes themselves are
book_meeting, reschedule_meeting and cancel_meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, update
from sqlalchemy.exc import IntegrityError, OperationalError

from notifications.adapters.booking_store import (
    MARGIN,
    BookingStore,
    active_meeting,
    busy_of,
    schedule_around,
)
from notifications.adapters.tables import meetings
from notifications.domain.booking_errors import (
    MeetingChanged,
    NotOffered,
    already_booked,
    slot_taken,
)
from notifications.domain.meetings import MEETING_BOOKED, Advisor, Company, Meeting
from notifications.domain.slots import is_free, offered_slot
from servicekit.booking_links import BookingLinks
from servicekit.request_limits import RequestLimits

DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE deadlock_detected
WRITE_ATTEMPTS = 3


class MeetingChanges:
    """The database, links and limits every change of a meeting works with."""

    def __init__(self, engine: Engine, links: BookingLinks, limits: RequestLimits) -> None:
        self.engine = engine
        self.links = links
        self.store = BookingStore(engine)
        self._limits = limits

    def check_free(
        self,
        connection: Connection,
        advisor: Advisor,
        starts_at: datetime,
        now: datetime,
        *,
        company: Company,
        moving: Meeting | None,
    ) -> None:
        """Refuse what is sure to fail before writing: a time not offered (422), a slot
        taken or a company booked already (409). Only a courtesy: the database decides
        whether the write goes through, as these reads may be out of date by then."""
        slot = offered_slot(schedule_around(connection, advisor, now), starts_at, now=now)
        if slot is None:
            raise NotOffered(
                "This time is not one of the advisor's bookable times (any more); "
                "choose one of the offered slots."
            )
        # Only meetings near the slot can clash with it: a day either side covers any buffer.
        busy = busy_of(
            connection,
            advisor.id,
            slot.starts_at - MARGIN,
            slot.ends_at + MARGIN,
            except_meeting=None if moving is None else moving.id,
        )
        if not is_free(slot, busy, timedelta(minutes=advisor.buffer_minutes)):
            raise slot_taken()
        if moving is None and active_meeting(connection, company.assessment_id) is not None:
            raise already_booked()

    def write(self, changes: Callable[[Connection], None]) -> bool:
        """Make the changes in one transaction; False if the database refused them for a
        constraint on meetings, i.e. a concurrent request won the slot or the company's one
        meeting. The database refuses only once the winner has committed, so the winner
        can be read right after."""
        attempts_left = WRITE_ATTEMPTS
        while True:
            attempts_left -= 1
            try:
                with self.engine.begin() as connection:
                    changes(connection)
            except IntegrityError:
                return False
            except OperationalError as error:
                # PostgreSQL checks an exclusion constraint after adding the index entry, so
                # two overlapping writes at one instant may each wait for the other, and one
                # is aborted as a deadlock before the other committed. Written again, it
                # waits for that one and gets the constraint's plain answer.
                if getattr(error.orig, "sqlstate", None) != DEADLOCK or not attempts_left:
                    raise
            else:
                return True

    @staticmethod
    def change(connection: Connection, meeting: Meeting, **values: Any) -> None:
        """Update the meeting if nobody changed it since it was read (same sequence)."""
        changed = connection.execute(
            update(meetings)
            .where(
                meetings.c.id == meeting.id,
                meetings.c.status == MEETING_BOOKED,
                meetings.c.sequence == meeting.sequence,
            )
            .values(**values)
        )
        if changed.rowcount != 1:
            raise MeetingChanged("The meeting was changed meanwhile; reload and try again.")

    def count(self, connection: Connection, company: Company, client: str, now: datetime) -> None:
        """Every change mails the company's contact and its advisor, and the booking link is
        all it takes: so changes count per client and per company (raises LimitReached),
        in the change's transaction, so a change that fails or is refused counts nothing."""
        self._limits.take(
            "booking.change", client, str(company.company_id), now, connection=connection
        )
