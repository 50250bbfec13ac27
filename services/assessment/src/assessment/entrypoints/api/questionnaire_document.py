"""The questionnaire in one language, as the API hands it to clients."""

from __future__ import annotations

from typing import Any

from assessment.domain import Item, Questionnaire
from assessment.domain.texts import Language


def questionnaire_document(questionnaire: Questionnaire, language: Language) -> dict[str, Any]:
    return {
        "version": questionnaire.version,
        "language": language,
        "dimensions": [
            {
                "id": d.id,
                "kind": d.kind,
                "title": d.title.in_language(language),
                "intro": d.intro.in_language(language),
            }
            for d in questionnaire.dimensions
        ],
        "items": [_item(item, language) for item in questionnaire.items],
        "likert_labels": [label.in_language(language) for label in questionnaire.likert_labels],
        "unknown_label": questionnaire.unknown_label.in_language(language),
    }


def _item(item: Item, language: Language) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": item.id,
        "dimension": item.dimension,
        "type": item.type,
        "text": item.text.in_language(language),
        "why": item.why.in_language(language),
        "required": item.required,
        "allows_unknown": item.allows_unknown,
        # Options in the methodology's order, least mature first.
        "options": [
            {"id": option.id, "label": option.label.in_language(language)}
            | ({"hint": option.hint.in_language(language)} if option.hint else {})
            for option in item.options
        ],
    }
    optional = {
        "min": item.minimum,
        "max": item.maximum,
        "unit": item.unit,
        "max_length": item.max_length,
    }
    document |= {key: value for key, value in optional.items() if value is not None}
    if item.type == "number":
        document["integer"] = item.integer
    if item.glossary:
        document["glossary"] = [
            {"term": entry.term, "text": entry.text.in_language(language)}
            for entry in item.glossary
        ]
    if item.show_if is not None:
        document["show_if"] = {
            "any": [
                {"item": condition.item, "any_of": list(condition.any_of)}
                for condition in item.show_if.any
            ]
        }
    return document
