"""Starting an assessment: one place for the API and the pages, so both store the same."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from assessment.adapters.assessment_store import Applicant, NewAssessment, SqlAssessmentStore
from assessment.adapters.resume_mail import resume_mail, resume_url
from assessment.adapters.tokens import hash_token, new_token
from assessment.domain import load_current
from mailing.message import Mail
from servicekit.request_limits import RequestLimits, mailbox

logger = logging.getLogger(__name__)


def begin_assessment(
    store: SqlAssessmentStore,
    applicant: Applicant,
    *,
    token_lifetime: timedelta,
    now: datetime,
    public_base_url: str,
    limits: RequestLimits,
    client: str,
) -> tuple[uuid.UUID, str]:
    """Store a new draft on the current questionnaire and queue the mail with its resume
    link to the contact, in one transaction; return its id and the resume token.

    Anyone may start, and every start mails the address given: so each start counts
    against the client's and the contact mailbox's limits first (raises LimitReached).
    The token is returned once and stored only as its hash (and inside the queued mail).
    """
    limits.take("assessment.start", client, mailbox(applicant.contact_email), now)
    questionnaire, ruleset = load_current()
    token = new_token()
    new = NewAssessment(
        id=uuid.uuid4(),
        company_id=uuid.uuid4(),
        applicant=applicant,
        # The consent texts are items of the questionnaire: its version names the wording.
        consent_text_version=questionnaire.version,
        token_hash=hash_token(token),
        token_expires_at=now + token_lifetime,
        questionnaire_version=questionnaire.version,
        ruleset_version=ruleset.version,
        created_at=now,
    )
    store.add(new, mail=_resume_mail(new, resume_url(public_base_url, new.id, token)))
    return new.id, token


def _resume_mail(new: NewAssessment, link: str) -> Mail | None:
    try:
        return resume_mail(
            assessment_id=new.id,
            contact_name=new.applicant.contact_name,
            contact_email=new.applicant.contact_email,
            company_name=new.applicant.company_name,
            language=new.applicant.language,
            link=link,
            expires_at=new.token_expires_at,
        )
    except ValueError:
        # The start validated the address; one a mail header cannot carry still starts the
        # check (the page shows the link), it just gets no mail. No address, no link logged.
        logger.warning("assessment %s: contact address unusable for mail, none queued", new.id)
        return None
