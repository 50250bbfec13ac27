"""The questionnaire as pages: which steps there are, which items a step shows, what a
posted form says, and the messages its errors get."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessment.domain import AnswerError, Item, Questionnaire, load_current
from assessment.entrypoints.pages.form_fields import ABSENT, FieldState, read_field
from wording.languages import Language


def read_items(items: Sequence[Item], form: Any) -> tuple[dict[str, FieldState], dict[str, Any]]:
    states: dict[str, FieldState] = {}
    values: dict[str, Any] = {}
    for item in items:
        state, value = read_field(item, form)
        states[item.id] = state
        if value is not ABSENT:
            values[item.id] = value
    return states, values


def error_messages(errors: Sequence[AnswerError], language: Language) -> dict[str, list[str]]:
    by_item: dict[str, list[str]] = {}
    for error in errors:
        by_item.setdefault(error.item_id or "_form", []).append(error.message.in_language(language))
    return by_item


def scored_dimensions(questionnaire: Questionnaire) -> list[str]:
    return [d.id for d in questionnaire.dimensions if d.kind != "profile"]


def first_step() -> str:
    questionnaire, _ = load_current()
    return scored_dimensions(questionnaire)[0]


def shown_items(
    questionnaire: Questionnaire, dimension_id: str, answers: Mapping[str, Any]
) -> list[Item]:
    """The dimension's items the skip logic shows. A rule that looks at an item of the same
    page cannot follow the answer without JavaScript, so such an item is always shown."""
    shown = []
    for item in questionnaire.items_of(dimension_id):
        rule = item.show_if
        same_page = rule is not None and any(
            questionnaire.item(c.item).dimension == dimension_id for c in rule.any
        )
        if rule is None or same_page or rule.shows(answers):
            shown.append(item)
    return shown
