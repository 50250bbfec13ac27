"""The messages a respondent reads when an answer cannot be taken: exact, in German and
English, one per problem and in the order of the answers (the form shows them per item).

One module over 350 lines: every message of one validator, each written out in both languages.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, PROFILE

from assessment.domain import Questionnaire, validate_answers, validate_profile
from mailing.message import ADDRESS_REFUSED

Message = tuple[str | None, str, str, str]


def _messages(errors: list[Any]) -> list[Message]:
    return [(e.item_id, e.code, e.message.de, e.message.en) for e in errors]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"portfolio.contract_horizon": 2030},
            [
                (
                    "portfolio.contract_horizon",
                    "wrong_type",
                    "Erwartet wird eine der vorgegebenen Antworten.",
                    "Expected one of the given options.",
                )
            ],
        ),
        (
            {"portfolio.contract_horizon": "2040"},
            [
                (
                    "portfolio.contract_horizon",
                    "unknown_option",
                    "„2040“ ist keine Antwort dieser Frage.",
                    "'2040' is not an option of this question.",
                )
            ],
        ),
        (
            {"portfolio.core_technologies": "machining"},
            [
                (
                    "portfolio.core_technologies",
                    "wrong_type",
                    "Erwartet wird eine Liste der gewählten Antworten.",
                    "Expected a list of chosen options.",
                )
            ],
        ),
        (
            {"portfolio.core_technologies": ["laser", "machining", "machining"]},
            [
                (
                    "portfolio.core_technologies",
                    "unknown_option",
                    "„laser“ ist keine Antwort dieser Frage.",
                    "'laser' is not an option of this question.",
                ),
                (
                    "portfolio.core_technologies",
                    "duplicate_option",
                    "„machining“ ist mehrfach gewählt.",
                    "'machining' is chosen more than once.",
                ),
            ],
        ),
        (
            {"portfolio.revenue_split": [100]},
            [
                (
                    "portfolio.revenue_split",
                    "wrong_type",
                    "Erwartet wird je Produktgruppe ein Prozentwert.",
                    "Expected a percentage per group.",
                )
            ],
        ),
        (
            {"portfolio.revenue_split": {"diesel": 100}},
            [
                (
                    "portfolio.revenue_split",
                    "unknown_option",
                    "„diesel“ ist keine Produktgruppe dieser Frage.",
                    "'diesel' is not a product group of this question.",
                )
            ],
        ),
        (
            {"portfolio.revenue_split": {"ice_fuel_injection": 120, "battery_systems": -20}},
            [
                (
                    "portfolio.revenue_split",
                    "out_of_range",
                    "Der Anteil für „ice_fuel_injection“ muss zwischen 0 und 100 % liegen.",
                    "The share of 'ice_fuel_injection' must be between 0 and 100 %.",
                ),
                (
                    "portfolio.revenue_split",
                    "out_of_range",
                    "Der Anteil für „battery_systems“ muss zwischen 0 und 100 % liegen.",
                    "The share of 'battery_systems' must be between 0 and 100 %.",
                ),
            ],
        ),
        (
            {"portfolio.revenue_split": None},
            [
                (
                    "portfolio.revenue_split",
                    "required",
                    "Bitte beantworten Sie diese Pflichtfrage.",
                    "Please answer this required question.",
                )
            ],
        ),
        (
            {"market.price_pressure": 2.5},
            [
                (
                    "market.price_pressure",
                    "wrong_type",
                    "Erwartet wird eine ganze Zahl von 1 bis 5.",
                    "Expected a whole number 1-5.",
                )
            ],
        ),
        (
            {"market.price_pressure": 0},
            [
                (
                    "market.price_pressure",
                    "out_of_range",
                    "Der Wert muss zwischen 1 und 5 liegen.",
                    "The value must be between 1 and 5.",
                )
            ],
        ),
        (
            {"strategy.transformation_strategy": 5},
            [
                (
                    "strategy.transformation_strategy",
                    "out_of_range",
                    "Der Wert muss zwischen 0 und 4 liegen.",
                    "The value must be between 0 and 4.",
                )
            ],
        ),
        (
            {"market.top_customer_share": "45"},
            [
                (
                    "market.top_customer_share",
                    "wrong_type",
                    "Erwartet wird eine Zahl.",
                    "Expected a number.",
                )
            ],
        ),
        (
            {"market.top_customer_share": 100.5},
            [
                (
                    "market.top_customer_share",
                    "out_of_range",
                    "Der Wert muss zwischen 0 und 100 liegen.",
                    "The value must be between 0 and 100.",
                )
            ],
        ),
        (
            {"workforce.training_days": -1},
            [
                (
                    "workforce.training_days",
                    "out_of_range",
                    "Der Wert muss zwischen 0 und 60 liegen.",
                    "The value must be between 0 and 60.",
                )
            ],
        ),
        (
            {"market.customers_over_5pct": 2.5},
            [
                (
                    "market.customers_over_5pct",
                    "not_whole_number",
                    "Bitte geben Sie eine ganze Zahl ein.",
                    "Please enter a whole number.",
                )
            ],
        ),
        (
            {"strategy.vision": 3},
            [
                (
                    "strategy.vision",
                    "unknown_item",
                    "Unbekannte Frage „strategy.vision“.",
                    "Unknown question 'strategy.vision'.",
                )
            ],
        ),
        (
            {"company.name": "Hofmann GmbH"},
            [
                (
                    "company.name",
                    "profile_item",
                    "Angaben zum Unternehmen gehören ins Unternehmensprofil, "
                    "nicht zu den Antworten.",
                    "Company details belong in the company profile, not in the answers.",
                )
            ],
        ),
    ],
)
def test_answer_messages(
    changes: dict[str, Any], expected: list[Message], loaded_questionnaire: Questionnaire
) -> None:
    answers = copy.deepcopy(FULL_ANSWERS) | changes
    assert _messages(validate_answers(loaded_questionnaire, answers)) == expected


def test_answers_that_are_not_an_object_are_missing(loaded_questionnaire: Questionnaire) -> None:
    assert _messages(validate_answers(loaded_questionnaire, ["market.price_pressure", 3])) == [
        (None, "not_an_object", "Die Antworten fehlen.", "The answers are missing.")
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"company.name": "x" * 200}, []),
        (
            {"company.name": "x" * 201},
            [
                (
                    "company.name",
                    "too_long",
                    "Bitte höchstens 200 Zeichen.",
                    "Please use at most 200 characters.",
                )
            ],
        ),
        (
            {"company.name": ""},
            [("company.name", "wrong_type", "Erwartet wird ein Text.", "Expected a text.")],
        ),
        (
            {"company.name": "   "},
            [
                (
                    "company.name",
                    "blank",
                    "Bitte geben Sie einen Text ein, nicht nur Leerzeichen.",
                    "Please enter a text, not only spaces.",
                )
            ],
        ),
        (
            {"company.contact_email": 5},
            [
                (
                    "company.contact_email",
                    "wrong_type",
                    "Erwartet wird eine E-Mail-Adresse.",
                    "Expected an e-mail address.",
                )
            ],
        ),
        (
            {"company.contact_email": "a@" + "b" * 251 + ".de"},
            [
                (
                    "company.contact_email",
                    "too_long",
                    "Bitte höchstens 254 Zeichen.",
                    "Please use at most 254 characters.",
                )
            ],
        ),
        (
            {"company.contact_email": "a.hofmann"},
            [
                (
                    "company.contact_email",
                    "not_an_address",
                    ADDRESS_REFUSED["de"],
                    ADDRESS_REFUSED["en"],
                )
            ],
        ),
        (
            {"company.consent_processing": "yes"},
            [
                (
                    "company.consent_processing",
                    "wrong_type",
                    "Erwartet wird ja oder nein.",
                    "Expected yes or no.",
                )
            ],
        ),
        (
            {"company.consent_processing": False},
            [
                (
                    "company.consent_processing",
                    "consent_required",
                    "Ohne diese Einwilligung können wir die Auswertung nicht erstellen.",
                    "Without this consent we cannot produce the evaluation.",
                )
            ],
        ),
        ({"company.consent_benchmarking": False}, []),
        (
            {"company.consent_advisor_sharing": None},
            [
                (
                    "company.consent_advisor_sharing",
                    "unknown_not_allowed",
                    "„Weiß nicht“ ist bei dieser Frage nicht möglich; "
                    "bitte wählen Sie eine Antwort.",
                    "'Don't know' is not possible for this question; please choose an answer.",
                )
            ],
        ),
        ({"company.revenue_band": None}, []),
        (
            {"company.district": None},
            [
                (
                    "company.district",
                    "required",
                    "Bitte beantworten Sie diese Pflichtfrage.",
                    "Please answer this required question.",
                )
            ],
        ),
    ],
)
def test_profile_messages(
    changes: dict[str, Any], expected: list[Message], loaded_questionnaire: Questionnaire
) -> None:
    assert _messages(validate_profile(loaded_questionnaire, PROFILE | changes)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"portfolio.contract_horizon": 2030}, ["Verwacht wordt een van de gegeven antwoorden."]),
        ({"portfolio.contract_horizon": "2040"}, ["“2040” is geen antwoord bij deze vraag."]),
        (
            {"portfolio.revenue_split": {"ice_fuel_injection": 60.5, "battery_systems": 30}},
            ["De aandelen komen samen uit op 90,5 %; samen moeten ze 100 % zijn."],
        ),
        ({"market.top_customer_share": 120}, ["De waarde moet tussen 0 en 100 liggen."]),
        ({"workforce.training_days": "many"}, ["Verwacht wordt een getal."]),
    ],
)
def test_a_dutch_respondent_reads_the_messages_in_dutch(
    changes: dict[str, Any], expected: list[str], loaded_questionnaire: Questionnaire
) -> None:
    answers = copy.deepcopy(FULL_ANSWERS) | changes
    errors = validate_answers(loaded_questionnaire, answers)
    assert [error.message.in_language("nl") for error in errors] == expected


def test_a_dutch_respondent_reads_the_profile_messages_in_dutch(
    loaded_questionnaire: Questionnaire,
) -> None:
    errors = validate_profile(
        loaded_questionnaire, PROFILE | {"company.name": "x" * 201, "company.contact_email": "a@b"}
    )
    assert [error.message.in_language("nl") for error in errors] == [
        "Gebruik maximaal 200 tekens.",
        ADDRESS_REFUSED["nl"],
    ]
    assert ADDRESS_REFUSED["nl"] == (
        "Vul een e-mailadres in waarnaar wij kunnen verzenden: één adres zoals "
        "name@example.org, alleen in ASCII-tekens (zonder umlauts of accenten)."
    )
