"""What booking reads from the database: the company, its advisors' schedules, and
meetings, and from these an advisor's free slots (booking offers them, routing prefers
advisors who have some). The advisors themselves come from advisor_store; the writes are
in services/meeting_changes.py, where each sits in its transaction."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Row, select

from eventing.tables import link_cutoffs
from mailing.message import single_line
from notifications.adapters.advisor_store import load_advisor
from notifications.adapters.tables import (
    availability_overrides,
    company_assessments,
    meetings,
    weekly_availability,
)
from notifications.domain.booking_errors import MeetingNotFound
from notifications.domain.meetings import MEETING_BOOKED, Advisor, Company, Meeting
from notifications.domain.slots import (
    DEFAULT_HORIZON,
    DayOverride,
    Schedule,
    Slot,
    WeeklyHours,
    free_slots,
)
from wording.languages import language_or_default

# Meetings reach back at most this far before a slot: longer than any meeting and buffer.
MARGIN = timedelta(days=1)


class BookingStore:
    """The reads of the booking pages and API, each on a connection of its own."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

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


def load_company(connection: Connection, assessment_id: uuid.UUID) -> Company | None:
    row = connection.execute(
        select(company_assessments, link_cutoffs.c.links_valid_from)
        .outerjoin(link_cutoffs, link_cutoffs.c.company_id == company_assessments.c.company_id)
        .where(company_assessments.c.assessment_id == assessment_id)
    ).first()
    if row is None:
        return None
    # Names from events and older rows may carry line breaks or U+202E: the booking mails'
    # text parts and the invitations get them as one line of visible text.
    return Company(
        assessment_id=row.assessment_id,
        company_id=row.company_id,
        company_name=single_line(row.company_name),
        district=row.district,
        contact_name=single_line(row.contact_name),
        contact_email=row.contact_email,
        language=language_or_default(row.language),
        advisor_id=row.advisor_id,
        links_valid_from=row.links_valid_from,
    )


def free_slots_of(
    connection: Connection,
    advisor: Advisor,
    now: datetime,
    *,
    except_meeting: uuid.UUID | None = None,
) -> list[Slot]:
    """The advisor's free slots in the booking window, earliest first; the meeting being
    moved does not count as busy."""
    busy = busy_of(
        connection,
        advisor.id,
        now - MARGIN,
        now + DEFAULT_HORIZON + MARGIN,
        except_meeting=except_meeting,
    )
    return free_slots(schedule_around(connection, advisor, now), busy, now=now)


def schedule_around(connection: Connection, advisor: Advisor, now: datetime) -> Schedule:
    """The advisor's schedule with the overrides of the booking window."""
    first, last = now - MARGIN, now + DEFAULT_HORIZON + MARGIN
    return schedule_of(connection, advisor, first.date(), last.date())


def schedule_of(connection: Connection, advisor: Advisor, first: date, last: date) -> Schedule:
    weekly = connection.execute(
        select(weekly_availability).where(weekly_availability.c.advisor_id == advisor.id)
    )
    overrides = connection.execute(
        select(availability_overrides).where(
            availability_overrides.c.advisor_id == advisor.id,
            availability_overrides.c.day.between(first, last),
        )
    )
    return Schedule(
        zone=ZoneInfo(advisor.timezone),
        meeting=timedelta(minutes=advisor.meeting_minutes),
        buffer=timedelta(minutes=advisor.buffer_minutes),
        weekly=tuple(WeeklyHours(row.weekday, row.starts, row.ends) for row in weekly),
        overrides=tuple(DayOverride(row.day, row.starts, row.ends) for row in overrides),
    )


def busy_of(
    connection: Connection,
    advisor_id: uuid.UUID,
    start: datetime,
    end: datetime,
    *,
    except_meeting: uuid.UUID | None = None,
) -> list[Slot]:
    """The advisor's active meetings overlapping [start, end) (a day's margin is the
    caller's), leaving out the meeting being moved."""
    query = select(meetings.c.starts_at, meetings.c.ends_at).where(
        meetings.c.advisor_id == advisor_id,
        meetings.c.status == MEETING_BOOKED,
        meetings.c.starts_at < end,
        meetings.c.ends_at > start,
    )
    if except_meeting is not None:
        query = query.where(meetings.c.id != except_meeting)
    return [Slot(row.starts_at, row.ends_at) for row in connection.execute(query)]


def active_meeting(connection: Connection, assessment_id: uuid.UUID) -> Meeting | None:
    row = connection.execute(
        select(meetings).where(
            meetings.c.assessment_id == assessment_id, meetings.c.status == MEETING_BOOKED
        )
    ).first()
    return None if row is None else _meeting(row)


def load_meeting(
    connection: Connection, assessment_id: uuid.UUID, meeting_id: uuid.UUID
) -> Meeting | None:
    """The meeting if it is this company's: another company's meeting is "not found"."""
    row = connection.execute(
        select(meetings).where(
            meetings.c.id == meeting_id, meetings.c.assessment_id == assessment_id
        )
    ).first()
    return None if row is None else _meeting(row)


def meeting_by_idempotency_key(connection: Connection, key: str) -> Meeting | None:
    row = connection.execute(select(meetings).where(meetings.c.idempotency_key == key)).first()
    return None if row is None else _meeting(row)


def _meeting(row: Row) -> Meeting:
    return Meeting(
        id=row.id,
        assessment_id=row.assessment_id,
        advisor_id=row.advisor_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        timezone=row.timezone,
        status=row.status,
        sequence=row.sequence,
        idempotency_key=row.idempotency_key,
        created_at=row.created_at,
        cancelled_at=row.cancelled_at,
    )
