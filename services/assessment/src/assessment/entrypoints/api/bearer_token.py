"""The resume token from `Authorization: Bearer <token>`, and the assessment it opens.

A wrong token, an expired one and an unknown id get the same 404, so the answer never
tells whether an assessment exists.
"""

from __future__ import annotations

import uuid

from flask import request

from assessment.adapters.assessment_store import AssessmentRecord, SqlAssessmentStore
from assessment.entrypoints.api.problems import not_found
from servicekit.app_clock import current_time
from servicekit.json_api import ApiProblem

_MAX_TOKEN_LENGTH = 200


def bearer_token() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > _MAX_TOKEN_LENGTH:
        raise ApiProblem(
            401,
            "Unauthorized",
            "Send the resume token as `Authorization: Bearer <token>`.",
        )
    return token


def opened_assessment(store: SqlAssessmentStore, assessment_id: str) -> AssessmentRecord:
    token = bearer_token()
    try:
        parsed = uuid.UUID(assessment_id)
    except ValueError:
        raise not_found() from None
    record = store.find_for_token(parsed, token, current_time())
    if record is None:
        raise not_found()
    return record
