"""Ending a resume link: the old token stops opening the assessment at once, and a new link
goes to the contact's mailbox, never to whoever asked.

Why a new link and not just the end of the old one: a company that ends its link (it was
forwarded too widely, or a laptop was lost) still wants its answers and its result. Why only
by mail: whoever asks holds the old link, which may be exactly the leaked one; the mailbox
the check was started with is what proves the company.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, update

from assessment.adapters.assessment_store import load_record
from assessment.adapters.resume_mail import resume_mail, resume_url
from assessment.adapters.tables import assessments
from assessment.adapters.tokens import hash_token, new_token
from mailing.outbox import queue_mail


class NoMailAddress(Exception):
    """The contact address cannot carry a mail: ending the link would lock the company out."""


def renew_token(
    engine: Engine,
    assessment_id: uuid.UUID,
    *,
    token_lifetime: timedelta,
    now: datetime,
    public_base_url: str,
) -> bool:
    """Replace the assessment's token by a new one and queue the mail with its link, in one
    transaction: the old token never works again; the new one is returned to nobody.
    False if the assessment is gone (erased meanwhile)."""
    token = new_token()
    token_hash = hash_token(token)
    expires_at = now + token_lifetime
    with engine.begin() as connection:
        record = load_record(connection, assessment_id, for_update=True)
        if record is None:
            return False
        try:
            mail = resume_mail(
                assessment_id=record.id,
                contact_name=record.applicant.contact_name,
                contact_email=record.applicant.contact_email,
                company_name=record.applicant.company_name,
                language=record.applicant.language,
                link=resume_url(public_base_url, record.id, token),
                expires_at=expires_at,
            )
        except ValueError:
            raise NoMailAddress(assessment_id) from None
        connection.execute(
            update(assessments)
            .where(assessments.c.id == record.id)
            .values(token_hash=token_hash, token_expires_at=expires_at, updated_at=now)
        )
        # One mail per new token (the start's mail keeps its own key).
        dedupe_key = f"assessment-resume:{record.id}:{token_hash[:16]}"
        queue_mail(connection, dataclasses.replace(mail, dedupe_key=dedupe_key), now)
        return True
