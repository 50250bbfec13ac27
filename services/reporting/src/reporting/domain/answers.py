"""The answers appendix: each answered question with its answer, grouped by dimension.

The words are the assessment's: `assessment.scored` carries every answer as the company read
it (`answer_texts`), so the appendix and the review page say the same. An event from before
v1 carried them has only the raw answers: the appendix then shows ids and values as they
are, rather than wording them from a copy of the questionnaire that could drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventing.vocabulary import Vocabulary
from reporting.domain.texts import Reader

# Answers the report quotes in its text, in the words the company read them.
CONTRACT_HORIZON = "portfolio.contract_horizon"
CORE_TECHNOLOGIES = "portfolio.core_technologies"
MAIN_SEGMENT = "portfolio.main_segment"


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    rows: tuple[AnswerRow, ...]


def answer_groups(
    scored: Mapping[str, Any], words: Vocabulary, reader: Reader
) -> tuple[AnswerGroup, ...]:
    """Answers grouped by dimension, in the order the assessment listed them."""
    groups: dict[str, list[AnswerRow]] = {}
    for entry in worded_answers(scored, reader):
        dimension = entry["item_id"].split(".", 1)[0]
        groups.setdefault(dimension, []).append(AnswerRow(entry["question"], entry["answer"]))
    return tuple(
        AnswerGroup(words.name("dimensions", dimension, reader.language), tuple(rows))
        for dimension, rows in groups.items()
    )


def answer_in_words(scored: Mapping[str, Any], item_id: str) -> str | None:
    """How the company's answer to `item_id` reads, if the event words it."""
    texts: Sequence[Mapping[str, str]] = scored.get("answer_texts") or ()
    return next((entry["answer"] for entry in texts if entry["item_id"] == item_id), None)


def worded_answers(scored: Mapping[str, Any], reader: Reader) -> list[Mapping[str, str]]:
    if scored.get("answer_texts"):
        return list(scored["answer_texts"])
    return [
        {"item_id": item_id, "question": item_id, "answer": _raw(value, reader)}
        for item_id, value in scored["answers"].items()
    ]


def _raw(value: Any, reader: Reader) -> str:
    if value is None:
        return reader.gettext("not answered")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{key}: {share}" for key, share in value.items())
    return str(value)
