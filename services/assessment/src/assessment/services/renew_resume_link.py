"""Ending a resume link: the old token stops opening the assessment at once, and a new link
goes to the contact's mailbox, never to whoever asked.

Why a new link and not just the end of the old one: a company that ends its link (it was
forwarded too widely, or a laptop was lost) still wants its answers and its result. Why only
by mail: whoever asks holds the old link, which may be exactly the leaked one; the mailbox
the check was started with is what proves the company.

A leaked mail is the usual reason, and it carries the other links too (booking, report), so
ending the resume link also revokes every signed link of the company issued so far
(assessment.privacy.links); the result page opened with the new link shows new ones.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.orm import Session

from assessment.adapters.assessment_store import AssessmentRecord, load_record
from assessment.adapters.resume_mail import resume_mail, resume_url
from assessment.adapters.tables import assessments
from assessment.adapters.tokens import hash_token, new_token
from assessment.privacy.links import revoke_links
from eventing.envelope import Envelope
from mailing.outbox import queue_mail
from mailing.owner import MailOwner

logger = logging.getLogger(__name__)


class NoMailAddress(Exception):
    """The contact address cannot carry a mail: ending the link would lock the company out."""


@dataclass(frozen=True)
class ResumeLinks:
    """What a new resume link is made of: this service's public address and how long the
    link works."""

    public_base_url: str
    token_lifetime: timedelta


def renew_token(
    engine: Engine, assessment_id: uuid.UUID, links: ResumeLinks, now: datetime
) -> bool:
    """The company's request: replace the assessment's token by a new one, queue the mail
    with its link and revoke the company's other links, in one transaction: the old token
    never works again; the new one is returned to nobody. False if the assessment is gone
    (erased meanwhile)."""
    with engine.begin() as connection:
        record = load_record(connection, assessment_id, for_update=True)
        if record is None:
            return False
        replace_token(connection, record, links, now)
        revoke_links(connection, record.company_id, now)
        return True


def replace_token(
    db: Connection | Session, record: AssessmentRecord, links: ResumeLinks, now: datetime
) -> None:
    """A new token for the assessment (loaded for update), and the mail with its link;
    raises NoMailAddress (and changes nothing) if the contact address cannot carry the mail."""
    token = new_token()
    token_hash = hash_token(token)
    expires_at = now + links.token_lifetime
    try:
        mail = resume_mail(
            assessment_id=record.id,
            contact_name=record.applicant.contact_name,
            contact_email=record.applicant.contact_email,
            company_name=record.applicant.company_name,
            language=record.applicant.language,
            link=resume_url(links.public_base_url, record.id, token),
            expires_at=expires_at,
        )
    except ValueError:
        raise NoMailAddress(record.id) from None
    db.execute(
        update(assessments)
        .where(assessments.c.id == record.id)
        .values(token_hash=token_hash, token_expires_at=expires_at, updated_at=now)
    )
    # One mail per new token (the start's mail keeps its own key).
    dedupe_key = f"assessment-resume:{record.id}:{token_hash[:16]}"
    owner = MailOwner.company(record.company_id, record.id)
    queue_mail(db, dataclasses.replace(mail, dedupe_key=dedupe_key), now, owner=owner)


def renew_company_tokens(links: ResumeLinks, session: Session, event: Envelope) -> None:
    """After a revocation taken elsewhere (an admin at the desk): every assessment of the
    company gets a new resume link by mail, the old one ends."""
    now = datetime.now(UTC)
    ids = session.execute(
        select(assessments.c.id).where(assessments.c.company_id == event.data["company_id"])
    ).scalars()
    for assessment_id in list(ids):
        record = load_record(session, assessment_id, for_update=True)
        if record is None:
            continue
        try:
            replace_token(session, record, links, now)
        except NoMailAddress:
            # As when the company asks: without a mail the company would be locked out.
            logger.warning("resume link of %s kept: no mail can carry a new one", assessment_id)
