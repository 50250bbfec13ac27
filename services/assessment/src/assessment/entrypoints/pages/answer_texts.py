"""Answers as the profile summary and the review page show them, in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.domain import Item, Questionnaire, ids
from assessment.domain.questionnaire import PROFILE_DIMENSION
from assessment.domain.texts import Language
from assessment.entrypoints.pages.form_fields import stored_field
from assessment.entrypoints.pages.languages import page_language
from assessment.entrypoints.pages.ui_texts import ui_text
from wording.formatting import compact_number


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


def answer_text(
    item: Item, answers: Mapping[str, Any], questionnaire: Questionnaire, language: Language
) -> str:
    """An answer as the review page shows it."""
    if item.id not in answers:
        return ui_text(language, "not_answered")
    value = answers[item.id]
    if value is None:
        return questionnaire.unknown_label.in_language(language)
    labels = {option.id: option.label.in_language(language) for option in item.options}
    if item.type in {"single", "band"}:
        return labels.get(value, str(value))
    if item.type == "multi":
        return ", ".join(labels.get(v, v) for v in value) or ui_text(language, "none_selected")
    if item.type == "ladder":
        return item.options[value].label.in_language(language)
    if item.type == "likert":
        return f"{value} – {questionnaire.likert_labels[value - 1].in_language(language)}"  # noqa: RUF001
    if item.type == "split":
        parts = [f"{labels.get(k, k)}: {stored}" for k, stored in _split_texts(value, language)]
        return "; ".join(parts)
    if item.type == "consent":
        return ("ja" if value else "nein") if language == "de" else ("yes" if value else "no")
    if item.type == "number":
        return stored_field(item, answers, language).value + _unit(item, language)
    return str(value)


def _split_texts(value: Mapping[str, Any], language: Language) -> list[tuple[str, str]]:
    return [(k, f"{compact_number(v, language)} %") for k, v in value.items() if v]


def _unit(item: Item, language: Language) -> str:
    if item.unit is None:
        return ""
    return f" {ui_text(language, 'unit_' + item.unit)}"
