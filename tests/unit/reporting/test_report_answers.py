"""The answers appendix: the assessment's own words for each answer, grouped under the
ruleset's dimension names in the order the event lists them; an event without the words
shows ids and values as they are."""

from __future__ import annotations

from eventing.vocabulary import Vocabulary
from reporting.adapters.document_html import report_translations
from reporting.domain.answers import AnswerGroup, AnswerRow, answer_groups, answer_in_words
from reporting.domain.texts import Reader

WORDS = Vocabulary.of(
    {
        "dimensions": [
            {"id": "strategy", "kind": "readiness", "title": {"de": "Strategie", "en": "Strategy"}},
            {"id": "market", "kind": "exposure", "title": {"de": "Markt", "en": "Market"}},
        ]
    }
)


def _worded(*rows: tuple[str, str, str]) -> dict:
    return {
        "language": "de",
        "answers": {item_id: "raw" for item_id, _, _ in rows},
        "answer_texts": [{"item_id": i, "question": q, "answer": a} for i, q, a in rows],
    }


def test_answers_are_grouped_by_dimension_in_the_events_order_with_its_words() -> None:
    scored = _worded(
        ("market.tier", "Stufe?", "Tier 1"),
        ("market.split", "Anteile?", "Einspritzung: 60 %; Batterie: 40 %"),
        ("strategy.plan", "Plan?", "erste Ideen"),
        ("market.trend", "Trend?", "4 – trifft eher zu"),  # noqa: RUF001
    )

    assert answer_groups(scored, WORDS, Reader("de", report_translations("de"))) == (
        AnswerGroup(
            "Markt",
            (
                AnswerRow("Stufe?", "Tier 1"),
                AnswerRow("Anteile?", "Einspritzung: 60 %; Batterie: 40 %"),
                AnswerRow("Trend?", "4 – trifft eher zu"),  # noqa: RUF001
            ),
        ),
        AnswerGroup("Strategie", (AnswerRow("Plan?", "erste Ideen"),)),
    )
    assert answer_in_words(scored, "strategy.plan") == "erste Ideen"
    assert answer_in_words(scored, "strategy.unasked") is None


def test_an_event_without_the_words_shows_ids_and_values_as_they_are() -> None:
    scored = {
        "language": "en",
        "answers": {
            "strategy.plan": 2,
            "market.split": {"bev": 100},
            "market.systems": ["erp", "mes"],
            "market.trend": None,
        },
    }

    assert answer_groups(scored, Vocabulary.of(None), Reader("en", report_translations("en"))) == (
        AnswerGroup("strategy", (AnswerRow("strategy.plan", "2"),)),
        AnswerGroup(
            "market",
            (
                AnswerRow("market.split", "bev: 100"),
                AnswerRow("market.systems", "erp, mes"),
                AnswerRow("market.trend", "not answered"),
            ),
        ),
    )
