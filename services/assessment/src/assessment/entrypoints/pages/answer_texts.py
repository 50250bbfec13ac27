"""The company profile as the pages summarise it, in the page's language (the answers' wording
is the domain's: assessment.domain.answer_wording)."""

from __future__ import annotations

from typing import Any

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.domain import Questionnaire, ids
from assessment.domain.answer_wording import answer_text
from assessment.domain.questionnaire import PROFILE_DIMENSION
from assessment.entrypoints.pages.languages import page_language


def profile_rows(record: AssessmentRecord, questionnaire: Questionnaire) -> list[dict[str, str]]:
    language = page_language(record)
    values: dict[str, Any] = {
        "company.name": record.applicant.company_name,
        ids.EMPLOYEES: record.applicant.employees,
        ids.REVENUE_BAND: record.applicant.revenue_band,
        ids.DISTRICT: record.applicant.district,
        "company.contact_name": record.applicant.contact_name,
        "company.contact_email": record.applicant.contact_email,
        "company.consent_processing": True,
        "company.consent_advisor_sharing": record.applicant.consent_advisor_sharing,
        "company.consent_benchmarking": record.applicant.consent_benchmarking,
    }
    return [
        {
            "question": item.text.in_language(language),
            "answer": answer_text(item, values, questionnaire, language),
        }
        for item in questionnaire.items_of(PROFILE_DIMENSION)
    ]
