"""Erasing a company in the notifications service, and an admin's request to erase one.

Meetings are deleted, not cancelled: a cancellation would mail the company (whose data is
being erased) and the advisor a text about it. The slot becomes free again and a reminder
still queued is withdrawn with the company's other mails; the advisor's desk no longer shows
the meeting. Failed desk logins are keyed by advisors' addresses, not by companies: untouched.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from eventing.outbox import add_to_outbox
from mailing.owner import mails_about_company
from mailing.privacy import erase_mails
from notifications.adapters.tables import (
    callback_requests,
    company_assessments,
    meetings,
    reports_awaiting_assessment,
)
from notifications.privacy.company_data import find_copies
from privacy import link_cutoffs
from privacy.erasure_ledger import ErasureRequest, requested_event

SERVICE = "notifications"


def erase_company(session: Session, request: ErasureRequest) -> list[uuid.UUID]:
    copies = find_copies(session, request.company_id, request.assessment_ids)
    ids = copies.assessment_ids
    erase_mails(session, mails_about_company(request.company_id))
    session.execute(meetings.delete().where(meetings.c.assessment_id.in_(ids)))
    session.execute(callback_requests.delete().where(callback_requests.c.assessment_id.in_(ids)))
    session.execute(
        reports_awaiting_assessment.delete().where(
            reports_awaiting_assessment.c.assessment_id.in_(ids)
        )
    )
    session.execute(
        company_assessments.delete().where(company_assessments.c.assessment_id.in_(ids))
    )
    link_cutoffs.forget(session, [request.company_id])
    return ids


def request_erasure_by_admin(engine: Engine, company_id: uuid.UUID, now: datetime) -> uuid.UUID:
    """An admin asks at the desk: this service publishes the request, and erases its own
    copies when it consumes it, like every other service."""
    with engine.begin() as connection:
        copies = find_copies(connection, company_id)
        event = requested_event(SERVICE, company_id, copies.assessment_ids, "admin", now)
        add_to_outbox(connection, event)
    return event.data["erasure_id"]
