"""What the desk reads, always scoped to what the logged-in user may see: an advisor sees
the companies assigned to them (and their meetings and mails), an admin sees everything.
A lookup outside that scope finds nothing, which the views answer with 404. The lists join
the advisor's name in; the advisors themselves are advisor_store's."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Row, Select, and_, select

from mailing.owner import advisor_log
from mailing.tables import mail_outbox
from notifications.adapters.advisor_store import DeskUser
from notifications.adapters.tables import (
    advisors,
    callback_requests,
    company_assessments,
    meetings,
)
from notifications.domain.meetings import MEETING_BOOKED

DELIVERY_LOG_ROWS = 200

_booked = meetings.alias("booked")


def _scoped(query: Select, user: DeskUser) -> Select:
    if user.is_admin:
        return query
    return query.where(company_assessments.c.advisor_id == user.id)


def companies(connection: Connection, user: DeskUser) -> Sequence[Row]:
    """The companies, most urgent (highest priority P) first, with their booked meeting."""
    query = (
        select(
            company_assessments,
            advisors.c.name.label("advisor_name"),
            _booked.c.starts_at.label("meeting_starts_at"),
        )
        .outerjoin(advisors, advisors.c.id == company_assessments.c.advisor_id)
        .outerjoin(
            _booked,
            and_(
                _booked.c.assessment_id == company_assessments.c.assessment_id,
                _booked.c.status == MEETING_BOOKED,
            ),
        )
        .order_by(company_assessments.c.priority.desc(), company_assessments.c.scored_at.desc())
    )
    return connection.execute(_scoped(query, user)).all()


def company(connection: Connection, user: DeskUser, assessment_id: uuid.UUID) -> Row | None:
    query = (
        select(company_assessments, advisors.c.name.label("advisor_name"))
        .outerjoin(advisors, advisors.c.id == company_assessments.c.advisor_id)
        .where(company_assessments.c.assessment_id == assessment_id)
    )
    return connection.execute(_scoped(query, user)).first()


def meetings_of(connection: Connection, assessment_id: uuid.UUID) -> Sequence[Row]:
    """Every meeting of one company (the caller has checked it may see the company)."""
    query = (
        select(meetings, advisors.c.name.label("advisor_name"))
        .join(advisors, advisors.c.id == meetings.c.advisor_id)
        .where(meetings.c.assessment_id == assessment_id)
        .order_by(meetings.c.starts_at.desc())
    )
    return connection.execute(query).all()


def upcoming_meetings(connection: Connection, user: DeskUser, now: datetime) -> Sequence[Row]:
    """Booked meetings that have not ended: an advisor's own, or everyone's for an admin."""
    query = (
        select(
            meetings,
            advisors.c.name.label("advisor_name"),
            company_assessments.c.company_name,
        )
        .join(advisors, advisors.c.id == meetings.c.advisor_id)
        .join(
            company_assessments,
            company_assessments.c.assessment_id == meetings.c.assessment_id,
        )
        .where(meetings.c.status == MEETING_BOOKED, meetings.c.ends_at > now)
        .order_by(meetings.c.starts_at)
    )
    if not user.is_admin:
        # The meeting's advisor, not the company's: a company may book another advisor.
        query = query.where(meetings.c.advisor_id == user.id)
    return connection.execute(query).all()


def delivery_log(connection: Connection, user: DeskUser) -> Sequence[Row]:
    """The newest mails. An admin sees all of them; an advisor sees their own and those to
    the contacts of their companies (mailing.owner.advisor_log): the advisor is whom a
    company asks "where is my report / my invitation?", and the mails of other advisors and
    their companies are not theirs to read."""
    query = select(mail_outbox).order_by(mail_outbox.c.created_at.desc()).limit(DELIVERY_LOG_ROWS)
    if not user.is_admin:
        theirs = select(company_assessments.c.assessment_id).where(
            company_assessments.c.advisor_id == user.id
        )
        query = query.where(advisor_log(user.id, theirs))
    return connection.execute(query).all()


def open_callback_requests(connection: Connection) -> Sequence[Row]:
    """The call-back requests not done yet, oldest first, with the company and its contact
    (for admins only: the views check)."""
    query = (
        select(
            callback_requests,
            company_assessments.c.company_name,
            company_assessments.c.district,
            company_assessments.c.contact_name,
            company_assessments.c.contact_email,
            advisors.c.name.label("advisor_name"),
        )
        .join(
            company_assessments,
            company_assessments.c.assessment_id == callback_requests.c.assessment_id,
        )
        .outerjoin(advisors, advisors.c.id == company_assessments.c.advisor_id)
        .where(callback_requests.c.done_at.is_(None))
        .order_by(callback_requests.c.requested_at, callback_requests.c.id)
    )
    return connection.execute(query).all()
