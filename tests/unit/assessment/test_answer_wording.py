"""Answers in words, as the review page shows them and `assessment.scored` carries them to
the PDF's appendix: every kind of answer, in both languages, in the questionnaire's order."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.domain.answer_wording import answer_text, answered_questions
from assessment.domain.catalogue_loader import load_version

QUESTIONNAIRE, _ = load_version("2026.1")


@pytest.mark.parametrize(
    ("item_id", "value", "language", "expected"),
    [
        ("strategy.transformation_strategy", 1, "de", "erste Ideen"),
        ("market.price_pressure", 4, "de", "4 – trifft eher zu"),  # noqa: RUF001
        ("market.price_pressure", None, "de", "Weiß nicht / keine Angabe"),
        ("market.top_customer_share", 45, "de", "45 %"),
        ("workforce.training_days", 2.5, "de", "2,5 Tage je Mitarbeitendem"),
        ("workforce.training_days", 2.5, "en", "2.5 days per employee"),
        ("market.customers_over_5pct", 3, "en", "3 count"),
        (
            "portfolio.core_technologies",
            ["machining", "die_casting"],
            "de",
            "Zerspanung, Druckguss",
        ),
        ("portfolio.core_technologies", [], "en", "none of these"),
        (
            "portfolio.core_technologies",
            ["machining", "teleportation"],
            "de",
            "Zerspanung, teleportation",
        ),
        (
            "portfolio.revenue_split",
            {"ice_fuel_injection": 60, "battery_systems": 40, "tyres_wheels": 0},
            "de",
            "Einspritzsysteme: 60 %; Batteriesysteme: 40 %",
        ),
        ("company.consent_advisor_sharing", True, "de", "ja"),
        ("company.consent_advisor_sharing", False, "en", "no"),
    ],
)
def test_each_kind_of_answer_reads_as_the_company_gave_it(
    item_id: str, value: Any, language: str, expected: str
) -> None:
    item = QUESTIONNAIRE.item(item_id)
    assert answer_text(item, {item_id: value}, QUESTIONNAIRE, language) == expected  # type: ignore[arg-type]


def test_a_question_not_answered_says_so() -> None:
    item = QUESTIONNAIRE.item("market.price_pressure")
    assert answer_text(item, {}, QUESTIONNAIRE, "en") == "not answered"


def test_the_answered_questions_follow_the_questionnaire_and_leave_out_the_profile() -> None:
    answers = {
        "strategy.transformation_strategy": 2,
        "portfolio.contract_horizon": "2027_2029",
        "market.top_customer_share": 45,
        "company.name": "Muster GmbH",  # never an answer on the wire, and never shown as one
    }

    answered = answered_questions(QUESTIONNAIRE, answers, "de")

    assert [(a.item_id, a.answer) for a in answered] == [
        ("portfolio.contract_horizon", "2027–2029"),  # noqa: RUF001
        ("market.top_customer_share", "45 %"),
        ("strategy.transformation_strategy", "schriftlich formuliert"),
    ]
    assert answered[1].question == "Welchen Anteil an Ihrem Umsatz hat Ihr größter Kunde? (%)"


QUESTIONNAIRE_2026_2, _ = load_version("2026.2")


@pytest.mark.parametrize(
    ("item_id", "value", "expected"),
    [
        ("strategy.transformation_strategy", 1, "eerste ideeën"),
        ("market.price_pressure", 4, "4 – mee eens"),  # noqa: RUF001
        ("market.price_pressure", None, "Weet ik niet / zeg ik liever niet"),
        ("workforce.training_days", 2.5, "2,5 dagen per medewerker"),
        ("market.customers_over_5pct", 3, "3 aantal"),
        ("portfolio.core_technologies", [], "geen van deze"),
        (
            "portfolio.revenue_split",
            {"ice_fuel_injection": 60, "battery_systems": 40},
            "Brandstofinjectie: 60 %; Batterijsystemen: 40 %",
        ),
        ("company.consent_advisor_sharing", False, "nee"),
    ],
)
def test_a_dutch_company_reads_its_answers_in_dutch(
    item_id: str, value: Any, expected: str
) -> None:
    item = QUESTIONNAIRE_2026_2.item(item_id)
    assert answer_text(item, {item_id: value}, QUESTIONNAIRE_2026_2, "nl") == expected


def test_2026_1_answers_read_in_german_to_a_dutch_reader_but_the_code_words_in_dutch() -> None:
    item = QUESTIONNAIRE.item("strategy.transformation_strategy")
    assert answer_text(item, {item.id: 1}, QUESTIONNAIRE, "nl") == "erste Ideen"
    assert answer_text(item, {}, QUESTIONNAIRE, "nl") == "niet beantwoord"
