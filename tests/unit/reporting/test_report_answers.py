"""The answers appendix read in the questionnaire's words: every kind of answer, the order of
the questionnaire, and items the labels do not know (shown by id, under one heading, last)."""

from __future__ import annotations

from reporting.domain.answers import AnswerGroup, AnswerRow, answer_groups


def _text(de: str) -> dict[str, str]:
    return {"de": de, "en": de.upper()}


def _item(kind: str, question: str, *options: str, unit: str | None = None) -> dict:
    item = {"type": kind, "text": _text(question)}
    item["options"] = [{"id": option, "label": _text(option.title())} for option in options]
    return item | ({"unit": unit} if unit else {})


LABELS = {
    "dimensions": {"strategy": _text("Strategie"), "market": _text("Markt")},
    "likert_labels": [_text(f"Stufe {rung}") for rung in range(1, 6)],
    "items": {
        "strategy.plan": _item("ladder", "Plan?", "keiner", "ideen", "plan"),
        "strategy.steps": _item("ladder", "Schritte?", "keine", "erste", "alle"),
        "market.pressure": _item("likert", "Druck?"),
        "market.trend": _item("likert", "Trend?"),
        "market.customers.top_share": _item("number", "Größter Kunde?", unit="percent"),
        "market.training_days": _item("number", "Tage?", unit="days_per_employee"),
        "market.tier": _item("single", "Stufe?", "tier1", "tier2"),
        "market.systems": _item("multi", "Systeme?", "erp", "mes"),
        "market.channels": _item("multi", "Kanäle?", "web"),
        "market.split": _item("split", "Anteile?", "ice", "bev"),
        "market.revenue_trend": _item("single", "Umsatz?", "up"),
    },
}


def test_each_answer_reads_in_the_questionnaires_words_in_its_order() -> None:
    answers = {
        "old.count": 3,
        "market.split": {"ice": 60, "hydrogen": 40},
        "market.revenue_trend": None,
        "market.channels": [],
        "market.systems": ["erp", "abacus"],
        "market.tier": "tier1",
        "market.training_days": 2.5,
        "market.customers.top_share": 45,
        "market.trend": 5,
        "market.pressure": 1,
        "strategy.steps": 3,
        "strategy.plan": 0,
        "legacy.choice": "abc",
    }

    assert answer_groups(answers, LABELS, "de") == (
        AnswerGroup(
            "Strategie",
            (AnswerRow("Plan?", "Keiner"), AnswerRow("Schritte?", "3")),
        ),
        AnswerGroup(
            "Markt",
            (
                AnswerRow("Druck?", "Stufe 1"),
                AnswerRow("Trend?", "Stufe 5"),
                AnswerRow("Größter Kunde?", "45 %"),
                AnswerRow("Tage?", "2,5"),
                AnswerRow("Stufe?", "Tier1"),
                AnswerRow("Systeme?", "Erp, abacus"),
                AnswerRow("Kanäle?", "keine"),
                AnswerRow("Anteile?", "Ice: 60 %; hydrogen: 40 %"),
                AnswerRow("Umsatz?", "keine Angabe"),
            ),
        ),
        AnswerGroup(
            "Weitere Angaben",
            (AnswerRow("legacy.choice", "abc"), AnswerRow("old.count", "3")),
        ),
    )


def test_the_appendix_speaks_english_for_an_english_report() -> None:
    answers = {"strategy.plan": 2, "market.split": {"bev": 100}, "new.item": 1}

    assert answer_groups(answers, LABELS, "en") == (
        AnswerGroup("STRATEGIE", (AnswerRow("PLAN?", "PLAN"),)),
        AnswerGroup("MARKT", (AnswerRow("ANTEILE?", "BEV: 100 %"),)),
        AnswerGroup("Other answers", (AnswerRow("new.item", "1"),)),
    )
