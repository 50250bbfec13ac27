"""Starting an assessment: one place for the API and the pages, so both store the same."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from assessment.adapters.assessment_store import Applicant, NewAssessment, SqlAssessmentStore
from assessment.adapters.tokens import hash_token, new_token
from assessment.domain import load_current


def begin_assessment(
    store: SqlAssessmentStore, applicant: Applicant, *, token_lifetime: timedelta, now: datetime
) -> tuple[uuid.UUID, str]:
    """Store a new draft on the current questionnaire; return its id and the resume token.

    The token is returned once and stored only as its hash.
    """
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
    store.add(new)
    return new.id, token
