"""Answers in words, in the company's language: how the review page shows what was
answered, and how `assessment.scored` carries it for the PDF's appendix, so the page and
the report cannot word one answer two ways."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from assessment.domain.questionnaire import PROFILE_DIMENSION, Item, Questionnaire
from assessment.domain.texts import Language, LocalizedText
from wording.formatting import compact_number

_WORDS = {
    "not_answered": LocalizedText(de="nicht beantwortet", en="not answered", nl="niet beantwoord"),
    "none_selected": LocalizedText(de="nichts davon", en="none of these", nl="geen van deze"),
    "yes": LocalizedText(de="ja", en="yes", nl="ja"),
    "no": LocalizedText(de="nein", en="no", nl="nee"),
}
UNITS = {
    "percent": LocalizedText(de="%", en="%", nl="%"),
    "count": LocalizedText(de="Anzahl", en="count", nl="aantal"),
    "days_per_employee": LocalizedText(
        de="Tage je Mitarbeitendem", en="days per employee", nl="dagen per medewerker"
    ),
}


@dataclass(frozen=True)
class AnsweredQuestion:
    item_id: str
    question: str
    answer: str


def unit_name(unit: str | None, language: Language) -> str:
    return "" if unit is None else UNITS[unit].in_language(language)


def answer_text(
    item: Item, answers: Mapping[str, Any], questionnaire: Questionnaire, language: Language
) -> str:
    """One answer as a reader reads it; "don't know" in the questionnaire's own words."""
    if item.id not in answers:
        return _WORDS["not_answered"].in_language(language)
    value = answers[item.id]
    if value is None:
        return questionnaire.unknown_label.in_language(language)
    labels = {option.id: option.label.in_language(language) for option in item.options}
    if item.type in {"single", "band"}:
        return labels.get(value, str(value))
    if item.type == "multi":
        chosen = ", ".join(labels.get(v, v) for v in value)
        return chosen or _WORDS["none_selected"].in_language(language)
    if item.type == "ladder":
        return item.options[int(value)].label.in_language(language)
    if item.type == "likert":
        return f"{value} – {questionnaire.likert_labels[value - 1].in_language(language)}"  # noqa: RUF001
    if item.type == "split":
        shares = [(k, v) for k, v in value.items() if v]
        return "; ".join(f"{labels.get(k, k)}: {compact_number(v, language)} %" for k, v in shares)
    if item.type == "consent":
        return _WORDS["yes" if value else "no"].in_language(language)
    if item.type == "number":
        unit = unit_name(item.unit, language)
        return compact_number(value, language) + (f" {unit}" if unit else "")
    return str(value)


def answered_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Any], language: Language
) -> list[AnsweredQuestion]:
    """Every answered question outside the company profile, in the questionnaire's order."""
    return [
        AnsweredQuestion(
            item.id,
            item.text.in_language(language),
            answer_text(item, answers, questionnaire, language),
        )
        for item in questionnaire.items
        if item.dimension != PROFILE_DIMENSION and item.id in answers
    ]


def context_questions(
    questionnaire: Questionnaire,
    context_items: Collection[str],
    answers: Mapping[str, Any],
    language: Language,
) -> list[AnsweredQuestion]:
    """Every context item the company was shown, in the questionnaire's order: the advisor
    sees an unanswered one as such instead of missing it."""
    return [
        AnsweredQuestion(
            item.id,
            item.text.in_language(language),
            answer_text(item, answers, questionnaire, language),
        )
        for item in questionnaire.visible_items(answers)
        if item.id in context_items
    ]
