"""Erasure in the assessment service, which sees every erasure through to the company.

1. The company asks with its token (`request_erasure`); an admin asks at the notifications
   desk. Either way `erasure.requested` goes out on privacy-events.
2. This service's consumer erases its own copies (`erase_company`) like every other service,
   but first copies the contact into `erasure_requests`: the confirmation must reach someone.
3. `erasure_completed` collects the services' `erasure.completed`; once all have erased, it
   queues the confirmation mail and blanks the contact in the same transaction. The mail's row
   is blanked by the retention job as soon as it has gone out (`retention.py`), so the address
   lives on only as long as it takes to send the confirmation.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, or_, select, update
from sqlalchemy.orm import Session

from assessment.adapters.tables import (
    assessments,
    companies,
    erasure_completions,
    erasure_requests,
    follow_ups,
)
from eventing.envelope import Envelope
from eventing.outbox import add_to_outbox
from eventing.schemas.privacy import ERASING_SERVICES
from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner, mails_about_company
from mailing.privacy import erase_mails
from mailing.templates import MailTemplates
from privacy import link_cutoffs
from privacy.erasure_ledger import ErasureRequest, requested_event
from servicekit.db import dialect_insert

SERVICE = "assessment"
CONFIRMATION_KEY_PREFIX = "erasure-confirmation:"
_MAILS = MailTemplates.of_package("assessment")


def request_erasure(engine: Engine, company_id: uuid.UUID, now: datetime) -> uuid.UUID:
    """The company's request: publish `erasure.requested` for it and all its assessments.

    A request still running is answered with its id, so a second click asks nothing new.
    """
    with engine.begin() as connection:
        pending = connection.execute(
            select(erasure_requests.c.erasure_id).where(
                erasure_requests.c.company_id == company_id,
                erasure_requests.c.confirmed_at.is_(None),
            )
        ).first()
        if pending is not None:
            return pending.erasure_id
        assessment_ids = connection.execute(
            select(assessments.c.id).where(assessments.c.company_id == company_id)
        ).scalars()
        event = requested_event(SERVICE, company_id, assessment_ids, "company", now)
        erasure_id: uuid.UUID = event.data["erasure_id"]
        connection.execute(
            insert(erasure_requests).values(
                erasure_id=erasure_id,
                company_id=company_id,
                requested_by="company",
                requested_at=now,
            )
        )
        add_to_outbox(connection, event)
    return erasure_id


def erase_company(session: Session, request: ErasureRequest) -> list[uuid.UUID]:
    """Delete the company, its assessments (answers, results, contact, token) and their
    follow-ups; blank its mails (by owner: another company may share its address)."""
    rows = session.execute(
        select(assessments)
        .where(
            or_(
                assessments.c.company_id == request.company_id,
                assessments.c.id.in_(request.assessment_ids),
            )
        )
        .order_by(assessments.c.created_at)
    ).all()
    _keep_contact_for_confirmation(session, request, rows[-1] if rows else None)
    ids = [row.id for row in rows]
    company_ids = {request.company_id, *(row.company_id for row in rows)}
    erase_mails(session, or_(*map(mails_about_company, company_ids)))
    session.execute(follow_ups.delete().where(follow_ups.c.assessment_id.in_(ids)))
    session.execute(assessments.delete().where(assessments.c.id.in_(ids)))
    session.execute(companies.delete().where(companies.c.id.in_(company_ids)))
    link_cutoffs.forget(session, list(company_ids))
    return ids


def _keep_contact_for_confirmation(
    session: Session, request: ErasureRequest, latest: Any | None
) -> None:
    contact = (
        {}
        if latest is None
        else {
            "contact_name": latest.contact_name,
            "contact_email": latest.contact_email,
            "language": latest.language,
        }
    )
    known = session.execute(
        select(erasure_requests.c.erasure_id).where(
            erasure_requests.c.erasure_id == request.erasure_id
        )
    ).first()
    if known is None:  # asked at the desk: this service learns of it by the event
        session.execute(
            insert(erasure_requests).values(
                erasure_id=request.erasure_id,
                company_id=request.company_id,
                requested_by=request.requested_by,
                requested_at=request.requested_at,
                **contact,
            )
        )
    elif contact:
        session.execute(
            update(erasure_requests)
            .where(
                erasure_requests.c.erasure_id == request.erasure_id,
                erasure_requests.c.confirmed_at.is_(None),
            )
            .values(**contact)
        )


def erasure_completed(session: Session, event: Envelope) -> None:
    """Note a service's completion; after the last one, confirm to the company."""
    data = event.data
    session.execute(
        dialect_insert(session, erasure_completions)
        .values(
            erasure_id=data["erasure_id"],
            service=data["service"],
            completed_at=data["completed_at"],
        )
        .on_conflict_do_nothing()
    )
    request = session.execute(
        select(erasure_requests).where(
            erasure_requests.c.erasure_id == data["erasure_id"],
            erasure_requests.c.confirmed_at.is_(None),
        )
    ).first()
    if request is None:
        return
    completed = set(
        session.execute(
            select(erasure_completions.c.service).where(
                erasure_completions.c.erasure_id == data["erasure_id"]
            )
        ).scalars()
    )
    if not set(ERASING_SERVICES) <= completed:
        return
    now = datetime.now(UTC)
    if request.contact_email is not None:
        owner = MailOwner.company(request.company_id, None)
        queue_mail(session, confirmation_mail(request), now, owner=owner)
    session.execute(
        update(erasure_requests)
        .where(erasure_requests.c.erasure_id == request.erasure_id)
        .values(contact_name=None, contact_email=None, language=None, confirmed_at=now)
    )


def confirmation_mail(request: Any) -> Mail:
    language = _MAILS.written_in("erasure_confirmation", request.language)
    return Mail(
        dedupe_key=f"{CONFIRMATION_KEY_PREFIX}{request.erasure_id}",
        to=request.contact_email,
        **_MAILS.render("erasure_confirmation", language, {"name": request.contact_name}),
    )
