"""Booking, moving and cancelling a meeting: the pages and the JSON API both call this.

Each change is one transaction holding the meeting row, its `meeting.*` event (outbox) and
its mails (mail outbox), so none exists without the others. Whether a slot is free is
decided by the database: an exclusion constraint (SQLite: triggers) keeps an advisor's
active meetings from overlapping, a partial unique index keeps a company to one active
meeting, a unique key to one booking per Idempotency-Key. Of two concurrent bookings or
moves onto one time the second write fails and is answered 409 (`_write` is where); the
check before the write only spares the common case a failed write and tells a time never
offered (422) from a taken one (409).

Reminders 24 h ahead are queued with the booking (sent not before their time) and
withdrawn when the meeting is moved or cancelled, so nobody is reminded of a meeting that
no longer takes place at that time (meeting_mails).

About 400 lines, one thing: the changes share the write, its retry and the answers to a
lost race, which would scatter if each change had a module; their errors, events and mails
live beside it (booking_errors, meeting_events, meeting_mails).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, update
from sqlalchemy.exc import IntegrityError, OperationalError

from eventing.outbox import add_to_outbox
from notifications.adapters.tables import MEETING_BOOKED, MEETING_CANCELLED, meetings
from notifications.booking import mails
from notifications.booking.booking_errors import (
    AlreadyBooked,
    IdempotencyKeyReused,
    MeetingChanged,
    MeetingNotFound,
    NotOffered,
    SlotTaken,
    already_booked,
    slot_taken,
)
from notifications.booking.invitation import invitation
from notifications.booking.mails import MeetingNews
from notifications.booking.meeting_events import booked_event, cancelled_event, rescheduled_event
from notifications.booking.meeting_mails import queue_reminders, tell_both_sides, withdraw_reminders
from notifications.booking.store import (
    MARGIN,
    Advisor,
    Company,
    Meeting,
    active_meeting,
    advisors_for,
    busy_of,
    free_slots_of,
    load_advisor,
    load_company,
    load_meeting,
    meeting_by_idempotency_key,
    schedule_around,
)
from notifications.domain.slots import is_free, offered_slot
from servicekit.booking_links import BookingLinks
from servicekit.request_limits import RequestLimits

MAX_IDEMPOTENCY_KEY_LENGTH = 100
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE deadlock_detected
WRITE_ATTEMPTS = 3


@dataclass(frozen=True)
class OfferedSlot:
    advisor_id: uuid.UUID
    advisor_name: str
    starts_at: datetime
    ends_at: datetime
    timezone: str  # the advisor's: the zone the slot is shown in


@dataclass(frozen=True)
class Booked:
    meeting: Meeting
    created: bool  # False: an Idempotency-Key repeat, the first booking is returned


class BookingService:
    def __init__(self, engine: Engine, links: BookingLinks, limits: RequestLimits) -> None:
        self._engine = engine
        self._links = links
        self._limits = limits

    def company(self, assessment_id: uuid.UUID) -> Company | None:
        with self._engine.connect() as connection:
            return load_company(connection, assessment_id)

    def active_meeting(self, company: Company) -> Meeting | None:
        with self._engine.connect() as connection:
            return active_meeting(connection, company.assessment_id)

    def meeting(self, company: Company, meeting_id: uuid.UUID) -> Meeting:
        with self._engine.connect() as connection:
            meeting = load_meeting(connection, company.assessment_id, meeting_id)
        if meeting is None:
            raise MeetingNotFound("No such meeting of this company.")
        return meeting

    def advisor(self, advisor_id: uuid.UUID) -> Advisor:
        with self._engine.connect() as connection:
            advisor = load_advisor(connection, advisor_id)
        assert advisor is not None, "a meeting's advisor is never deleted"
        return advisor

    def open_slots(
        self, company: Company, now: datetime, *, moving: Meeting | None = None
    ) -> list[OfferedSlot]:
        """Free slots for the company, earliest first: of the meeting's advisor when one is
        being moved (the company keeps its advisor), else of its advisors."""
        with self._engine.connect() as connection:
            if moving is not None:
                advisor = load_advisor(connection, moving.advisor_id)
                assert advisor is not None, "a meeting's advisor is never deleted"
                advisors = [advisor]
            else:
                advisors = advisors_for(connection, company)
            offered = []
            for advisor in advisors:
                except_meeting = None if moving is None else moving.id
                for slot in free_slots_of(connection, advisor, now, except_meeting=except_meeting):
                    offered.append(
                        OfferedSlot(
                            advisor.id, advisor.name, slot.starts_at, slot.ends_at, advisor.timezone
                        )
                    )
        return sorted(offered, key=lambda slot: slot.starts_at)

    def book(
        self,
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
        repeated = self._repeat(key, advisor_id, starts_at)
        if repeated is not None:
            return repeated
        with self._engine.connect() as connection:
            advisor = next(
                (a for a in advisors_for(connection, company) if a.id == advisor_id), None
            )
            if advisor is None:
                raise NotOffered("This advisor does not offer meetings to this company.")
            try:
                self._check_free(connection, advisor, starts_at, now, company=company, moving=None)
            except (SlotTaken, AlreadyBooked):
                # A concurrent repeat of this very request may have taken it since the look-up
                # above: then its meeting is the answer.
                repeated = self._repeat(key, advisor_id, starts_at)
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
            self._count(connection, company, client, now)
            add_to_outbox(connection, booked_event(meeting, company, now))
            news = MeetingNews(mails.BOOKED, meeting, company, advisor)
            tell_both_sides(connection, self._links, news, now)
            queue_reminders(connection, self._links, news, now)

        if not self._write(insert_meeting):
            return self._after_lost_race(company, key, advisor_id, starts_at)
        return Booked(meeting, created=True)

    def reschedule(
        self,
        company: Company,
        meeting_id: uuid.UUID,
        starts_at: datetime,
        now: datetime,
        *,
        client: str,
    ) -> Meeting:
        """Move the meeting to another free slot of its advisor."""
        meeting = self.meeting(company, meeting_id)
        if not meeting.active:
            raise MeetingChanged("The meeting was cancelled; book a new one.")
        if starts_at == meeting.starts_at:
            return meeting
        advisor = self.advisor(meeting.advisor_id)
        with self._engine.connect() as connection:
            self._check_free(connection, advisor, starts_at, now, company=company, moving=meeting)
        moved = dataclasses.replace(
            meeting,
            starts_at=starts_at,
            ends_at=starts_at + (meeting.ends_at - meeting.starts_at),
            sequence=meeting.sequence + 1,
        )

        def move_meeting(connection: Connection) -> None:
            self._change(
                connection,
                meeting,
                starts_at=moved.starts_at,
                ends_at=moved.ends_at,
                sequence=moved.sequence,
                updated_at=now,
            )
            self._count(connection, company, client, now)
            add_to_outbox(connection, rescheduled_event(moved, meeting.starts_at, now))
            news = MeetingNews(mails.RESCHEDULED, moved, company, advisor, meeting.starts_at)
            withdraw_reminders(connection, meeting)
            tell_both_sides(connection, self._links, news, now)
            queue_reminders(connection, self._links, news, now)

        if not self._write(move_meeting):
            raise slot_taken()
        return moved

    def cancel(
        self,
        company: Company,
        meeting_id: uuid.UUID,
        now: datetime,
        *,
        client: str,
        by: str = "company",
    ) -> Meeting:
        """Cancel the meeting; cancelling a cancelled meeting changes and sends nothing."""
        meeting = self.meeting(company, meeting_id)
        if not meeting.active:
            return meeting
        cancelled = dataclasses.replace(
            meeting, status=MEETING_CANCELLED, sequence=meeting.sequence + 1, cancelled_at=now
        )
        advisor = self.advisor(meeting.advisor_id)
        with self._engine.begin() as connection:
            self._change(
                connection,
                meeting,
                status=MEETING_CANCELLED,
                sequence=cancelled.sequence,
                cancelled_at=now,
                cancelled_by=by,
                updated_at=now,
            )
            self._count(connection, company, client, now)
            add_to_outbox(connection, cancelled_event(cancelled, by, now))
            withdraw_reminders(connection, meeting)
            tell_both_sides(
                connection,
                self._links,
                MeetingNews(mails.CANCELLED, cancelled, company, advisor),
                now,
            )
        return cancelled

    def invitation_for(self, company: Company, meeting: Meeting, now: datetime) -> bytes:
        """The company's copy of the meeting's current invitation (the .ics download)."""
        kind = mails.BOOKED if meeting.active else mails.CANCELLED
        return invitation(
            meeting,
            company,
            self.advisor(meeting.advisor_id),
            method=mails.invitation_method(kind),
            language=company.language,
            now=now,
            manage_url=self._links.url(company.assessment_id, now),
        )

    # -- helpers ----------------------------------------------------------------------------

    def _check_free(
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

    def _write(self, changes: Callable[[Connection], None]) -> bool:
        """Make the changes in one transaction; False if the database refused them for a
        constraint on meetings, i.e. a concurrent request won the slot or the company's one
        meeting. The database refuses only once the winner has committed, so the winner
        can be read right after."""
        attempts_left = WRITE_ATTEMPTS
        while True:
            attempts_left -= 1
            try:
                with self._engine.begin() as connection:
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

    def _repeat(self, key: str | None, advisor_id: uuid.UUID, starts_at: datetime) -> Booked | None:
        if key is None:
            return None
        with self._engine.connect() as connection:
            first = meeting_by_idempotency_key(connection, key)
        if first is None:
            return None
        if not _same_request(first, advisor_id, starts_at):
            raise IdempotencyKeyReused(
                "This Idempotency-Key was used for another booking; use a new key."
            )
        return Booked(first, created=False)

    def _after_lost_race(
        self, company: Company, key: str | None, advisor_id: uuid.UUID, starts_at: datetime
    ) -> Booked:
        """An insert was refused by a constraint: a concurrent repeat of this very request,
        a concurrent booking of this company, or (mostly) someone else took the time."""
        repeated = self._repeat(key, advisor_id, starts_at)
        if repeated is not None:
            return repeated
        if self.active_meeting(company) is not None:
            raise already_booked()
        raise slot_taken()

    @staticmethod
    def _change(connection: Connection, meeting: Meeting, **values: Any) -> None:
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

    def _count(self, connection: Connection, company: Company, client: str, now: datetime) -> None:
        """Every change mails the company's contact and its advisor, and the booking link is
        all it takes: so changes count per client and per company (raises LimitReached),
        in the change's transaction, so a change that fails or is refused counts nothing."""
        self._limits.take(
            "booking.change", client, str(company.company_id), now, connection=connection
        )


def _same_request(first: Meeting, advisor_id: uuid.UUID, starts_at: datetime) -> bool:
    return first.advisor_id == advisor_id and first.starts_at == starts_at


def _row(meeting: Meeting) -> dict[str, Any]:
    return {field.name: getattr(meeting, field.name) for field in dataclasses.fields(meeting)}
