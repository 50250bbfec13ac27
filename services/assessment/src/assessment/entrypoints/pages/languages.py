"""The language a company page speaks: the assessment's, or the one a form or link asks for
before there is an assessment."""

from __future__ import annotations

from flask import request

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.domain.texts import LANGUAGES, Language


def page_language(record: AssessmentRecord) -> Language:
    return "en" if record.applicant.language == "en" else "de"


def query_language() -> Language:
    return "en" if request.args.get("lang") == "en" else "de"


def form_language() -> Language:
    value = request.form.get("lang", "de")
    return value if value in LANGUAGES else "de"
