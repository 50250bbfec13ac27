"""The answers appendix: each answer with its question, in the words of the questionnaire.

The wording comes from the questionnaire version the assessment was answered with (its
labels travel with this service as data); an item the labels do not know is shown by its id,
so a newer questionnaire never breaks a report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reporting.domain.texts import LABELS, pick
from wording.formatting import number

UNITS = {"percent": " %", "days_per_employee": "", "count": ""}


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    rows: tuple[AnswerRow, ...]


def answer_groups(
    answers: Mapping[str, Any], labels: Mapping[str, Any], language: str
) -> tuple[AnswerGroup, ...]:
    """Answers grouped by dimension in the questionnaire's order, unknown items last."""
    items: Mapping[str, Any] = labels.get("items", {})
    dimensions: Mapping[str, Any] = labels.get("dimensions", {})
    order = {item_id: index for index, item_id in enumerate(items)}
    groups: dict[str, list[AnswerRow]] = {}
    for item_id in sorted(answers, key=lambda item: (order.get(item, len(order)), item)):
        item = items.get(item_id)
        dimension = item_id.split(".", 1)[0] if item is not None else "other"
        question = item["text"][language] if item else item_id
        value = _answer_text(answers[item_id], item, labels, language)
        groups.setdefault(dimension, []).append(AnswerRow(question, value))
    return tuple(
        AnswerGroup(
            dimensions[dimension][language]
            if dimension in dimensions
            else pick(LABELS, "other", language),
            tuple(rows),
        )
        for dimension, rows in groups.items()
    )


def _answer_text(
    value: Any, item: Mapping[str, Any] | None, labels: Mapping[str, Any], language: str
) -> str:
    if value is None:
        return pick(LABELS, "not_answered", language)
    kind = item["type"] if item else ""
    options = _option_labels(item, language)
    if kind == "likert" and isinstance(value, int):
        likert: Sequence[Mapping[str, str]] = labels["likert_labels"]
        if 1 <= value <= len(likert):
            return likert[value - 1][language]
    if kind == "ladder" and isinstance(value, int) and 0 <= value < len(options):
        return list(options.values())[value]
    if isinstance(value, str):
        return options.get(value, value)
    if isinstance(value, list):
        return ", ".join(options.get(v, str(v)) for v in value) or pick(
            LABELS, "none_selected", language
        )
    if isinstance(value, dict):
        return "; ".join(
            f"{options.get(key, key)}: {number(share, language)} %" for key, share in value.items()
        )
    unit = UNITS.get(item.get("unit", "") if item else "", "")
    digits = 0 if float(value).is_integer() else 1
    return number(value, language, digits) + unit


def _option_labels(item: Mapping[str, Any] | None, language: str) -> dict[str, str]:
    if not item:
        return {}
    return {option["id"]: option["label"][language] for option in item.get("options", [])}
