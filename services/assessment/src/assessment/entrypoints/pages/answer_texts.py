"""The company profile as the pages summarise it, in the page's language (the answers' wording
is the domain's: assessment.domain.answer_wording)."""

from __future__ import annotations

from assessment.adapters.assessment_store import AssessmentRecord, profile_answers
from assessment.domain import Questionnaire
from assessment.domain.answer_wording import answer_text
from assessment.domain.questionnaire import PROFILE_DIMENSION
from servicekit.languages import current_language


def profile_rows(record: AssessmentRecord, questionnaire: Questionnaire) -> list[dict[str, str]]:
    language = current_language()
    values = profile_answers(record.applicant)
    return [
        {
            "question": item.text.in_language(language),
            "answer": answer_text(item, values, questionnaire, language),
        }
        for item in questionnaire.items_of(PROFILE_DIMENSION)
    ]
