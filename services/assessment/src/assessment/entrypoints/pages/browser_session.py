"""Which assessments this browser has opened: their tokens in the signed session cookie.

The resume link carries the token once; opening it stores the token here, so the company
pages work at token-free addresses (`/a/<id>/...`) and the token stays out of the address
bar, the history and later access-log lines.
"""

from __future__ import annotations

import uuid

from flask import abort, session

from assessment.adapters.assessment_store import AssessmentRecord, SqlAssessmentStore
from servicekit.app_clock import current_time
from servicekit.languages import use_language
from wording.languages import language_or_default

SESSION_TOKENS = "assessment_tokens"
MAX_REMEMBERED = 5  # assessments one browser keeps open (colleagues share computers)


def opened_in_this_browser(store: SqlAssessmentStore, assessment_id: str) -> AssessmentRecord:
    """The assessment this browser holds a valid token for, as every company page needs it;
    404 otherwise (which of unknown, expired or never opened here is not told). The page
    speaks the language the company chose when it started, whatever the browser asks for."""
    parsed = parse_id(assessment_id)
    token = session.get(SESSION_TOKENS, {}).get(str(parsed))
    if not isinstance(token, str):
        abort(404)
    record = store.find_for_token(parsed, token, current_time())
    if record is None:
        abort(404)
    use_language(language_or_default(record.applicant.language))
    return record


def parse_id(assessment_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(assessment_id)
    except ValueError:
        abort(404)


def remember(assessment_id: uuid.UUID, token: str) -> None:
    tokens = {
        key: value
        for key, value in session.get(SESSION_TOKENS, {}).items()
        if key != str(assessment_id)
    }
    tokens[str(assessment_id)] = token
    session[SESSION_TOKENS] = dict(list(tokens.items())[-MAX_REMEMBERED:])
