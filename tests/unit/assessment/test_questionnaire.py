"""The packaged questionnaire against methodology.md, answer validation and skip logic.

One module over 350 lines: the one questionnaire file against the methodology, item by item.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, PROFILE

from assessment.domain import (
    Questionnaire,
    QuestionnaireError,
    Ruleset,
    load_questionnaire,
    validate_answers,
    validate_profile,
)

# The stable ids methodology.md lists, per dimension, in its order.
METHODOLOGY_ITEMS = {
    "company": [
        "company.name",
        "company.employees",
        "company.revenue_band",
        "company.district",
        "company.contact_name",
        "company.contact_email",
    ],
    "portfolio": [
        "portfolio.revenue_split",
        "portfolio.contract_horizon",
        "portfolio.new_nominations",
        "portfolio.core_technologies",
        "portfolio.main_segment",
    ],
    "market": [
        "market.top_customer_share",
        "market.automotive_share",
        "market.supply_chain_tier",
        "market.customers_over_5pct",
        "market.price_pressure",
        "market.revenue_trend",
    ],
    "strategy": [
        "strategy.transformation_strategy",
        "strategy.fade_out_plan",
        "strategy.new_product_share",
        "strategy.diversification_activities",
        "strategy.non_automotive_sales",
    ],
    "innovation": [
        "innovation.rd_intensity",
        "innovation.engineering_share",
        "innovation.growth_competences",
        "innovation.research_cooperation",
        "innovation.certifications",
    ],
    "digital": [
        "digital.data_usage",
        "digital.systems_in_use",
        "digital.information_security",
        "digital.ai_usage",
        "digital.kpi_driven",
    ],
    "energy": [
        "energy.carbon_accounting",
        "energy.reduction_target",
        "energy.measures",
        "energy.customer_requirements",
        "energy.energy_cost_share",
    ],
    "workforce": [
        "workforce.ice_specific_share",
        "workforce.strategic_planning",
        "workforce.training_days",
        "workforce.competences_built",
        "workforce.employee_involvement",
        "workforce.share_over_55",
    ],
    "finance": [
        "finance.ebit_margin",
        "finance.equity_ratio",
        "finance.planned_investment",
        "finance.funding_experience",
        "finance.succession",
        "finance.bank_access",
    ],
}

# Option lists the methodology spells out, in its order (readiness: least mature first).
METHODOLOGY_OPTIONS = {
    "company.employees": ["lt50", "50_249", "250_999", "ge1000"],
    "company.district": [
        "bamberg_stadt", "bamberg_land", "forchheim", "coburg", "lichtenfels", "kronach",
        "hassberge", "bayreuth", "kulmbach", "hof", "wunsiedel", "other_bavaria",
        "outside_bavaria",
    ],
    "portfolio.revenue_split": [
        "ice_fuel_injection", "ice_engine_mechanics", "ice_air_exhaust",
        "ice_fuel_ignition_control", "transmission_clutch", "ice_cooling_sealing_nvh",
        "hybrid_transition", "body_closures", "seats_interior_hmi", "chassis_steering_axles",
        "tyres_wheels", "lighting_glazing_exterior", "battery_systems", "power_electronics_hv",
        "e_motor_e_axle", "thermal_management_ev", "sensors_adas_software", "hydrogen_fuel_cell",
        "charging_lightweight_recycling", "non_automotive",
    ],
    "portfolio.contract_horizon": [
        "before_2027", "2027_2029", "2030_2032", "after_2032", "unknown",
    ],
    "portfolio.new_nominations": ["none", "in_request", "first_nomination", "several_in_series"],
    "portfolio.core_technologies": [
        "machining", "die_casting", "forming_stamping", "injection_moulding",
        "electronics_manufacturing", "winding_electrical_machines", "joining_welding",
        "surface_treatment", "assembly_testing", "embedded_software",
    ],
    "portfolio.main_segment": [
        "passenger_cars", "commercial_vehicles", "off_highway", "two_wheelers",
    ],
    "market.supply_chain_tier": ["tier1", "tier2", "tier3_plus", "material_or_service"],
    "market.revenue_trend": ["strongly_falling", "falling", "stable", "rising", "strongly_rising"],
    "strategy.transformation_strategy": ["none", "ideas", "written", "budgeted", "in_execution"],
    "strategy.non_automotive_sales": ["none", "sporadic", "dedicated_person", "established_team"],
    "innovation.rd_intensity": ["none", "lt1", "1_3", "3_5", "gt5"],
    "innovation.growth_competences": [
        "hv_e_motor", "power_electronics", "battery_thermal", "lightweight", "sensors",
        "embedded_software_security", "hydrogen_fuel_cell", "recycling_circular", "ai",
    ],
    "innovation.certifications": ["none", "planned", "partial", "in_place"],
    "digital.systems_in_use": [
        "erp", "mes", "caq", "plm", "aps", "energy_monitoring", "cloud_platform",
    ],
    "digital.information_security": ["none", "basic", "isms_iso27001", "tisax"],
    "digital.ai_usage": ["none", "pilots", "productive"],
    "energy.carbon_accounting": [
        "none", "scope_1_2", "scope_1_3", "product_carbon_footprint", "pcf_verified",
    ],
    "energy.measures": [
        "energy_audit_iso50001", "pv_own_power", "waste_heat", "green_power_ppa",
        "electrified_process_heat", "recycled_material",
    ],
    "energy.customer_requirements": ["none", "occasional", "regular", "contractual"],
    "finance.ebit_margin": ["lt0", "0_3", "3_6", "gt6"],
    "finance.equity_ratio": ["lt15", "15_30", "30_45", "gt45"],
    "finance.succession": ["open", "in_progress", "settled"],
}  # fmt: skip

LADDER_RUNGS = {
    "strategy.transformation_strategy": 5,  # 0-4
    "innovation.research_cooperation": 4,  # 0-3
    "digital.data_usage": 6,  # 0-5
    "energy.carbon_accounting": 5,  # 0-4
    "workforce.strategic_planning": 4,  # 0-3
    "finance.funding_experience": 4,  # 0-3
}


def test_about_45_items_in_the_scored_dimensions(loaded_questionnaire: Questionnaire) -> None:
    scored = [item for item in loaded_questionnaire.items if not item.is_profile]
    assert len(scored) == 45
    assert [d.id for d in loaded_questionnaire.dimensions] == list(METHODOLOGY_ITEMS)


def test_every_methodology_id_is_present_in_order(loaded_questionnaire: Questionnaire) -> None:
    for dimension, item_ids in METHODOLOGY_ITEMS.items():
        own = [item.id for item in loaded_questionnaire.items_of(dimension)]
        assert [item_id for item_id in own if item_id in item_ids] == item_ids


def test_every_item_speaks_german_and_english(loaded_questionnaire: Questionnaire) -> None:
    for item in loaded_questionnaire.items:
        for text in (item.text, item.why):
            assert text.de.strip()
            assert text.en.strip()
        assert item.why.de != item.text.de
        for option in item.options:
            assert option.label.de.strip()
            assert option.label.en.strip()
    assert loaded_questionnaire.unknown_label.de == "Weiß nicht / keine Angabe"


@pytest.mark.parametrize(("item_id", "options"), METHODOLOGY_OPTIONS.items())
def test_options_keep_the_methodology_order(
    item_id: str, options: list[str], loaded_questionnaire: Questionnaire
) -> None:
    assert list(loaded_questionnaire.item(item_id).option_ids) == options


@pytest.mark.parametrize(("item_id", "rungs"), LADDER_RUNGS.items())
def test_ladders_have_the_methodology_rungs(
    item_id: str, rungs: int, loaded_questionnaire: Questionnaire
) -> None:
    item = loaded_questionnaire.item(item_id)
    assert (item.type, len(item.options)) == ("ladder", rungs)


def test_readiness_options_are_least_mature_first(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    """Within each readiness choice, the option scores never fall along the list."""
    for dimension in questionnaire.dimensions_of("readiness"):
        for item in questionnaire.items_of(dimension.id):
            rule = ruleset.item_rules.get(item.id)
            if (
                item.type in {"single", "band"}
                and item.id in ruleset.readiness.item_weights[dimension.id]
            ):
                assert rule is not None
                scores = [rule.scores[option] for option in item.option_ids]
                assert scores == sorted(scores), item.id


def test_weiss_nicht_is_offered_where_it_makes_sense(loaded_questionnaire: Questionnaire) -> None:
    required = {item.id for item in loaded_questionnaire.items if not item.allows_unknown}
    assert {
        "portfolio.revenue_split",
        "portfolio.contract_horizon",  # has its own "unknown" option
        "portfolio.core_technologies",
        "portfolio.main_segment",
    } <= required
    assert loaded_questionnaire.item("market.top_customer_share").allows_unknown
    assert loaded_questionnaire.item("finance.ebit_margin").allows_unknown


# -- validation -----------------------------------------------------------------------------


def _errors(questionnaire: Questionnaire, changes: dict[str, Any]) -> list[tuple[str | None, str]]:
    answers = copy.deepcopy(FULL_ANSWERS) | changes
    return [(e.item_id, e.code) for e in validate_answers(questionnaire, answers)]


def test_the_reference_answers_are_valid(questionnaire: Questionnaire) -> None:
    assert validate_answers(questionnaire, FULL_ANSWERS) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"portfolio.revenue_split": {"ice_fuel_injection": 60, "battery_systems": 39.6}}, []),
        ({"portfolio.revenue_split": {"ice_fuel_injection": 60, "battery_systems": 40.4}}, []),
        (
            {"portfolio.revenue_split": {"ice_fuel_injection": 60, "battery_systems": 39.4}},
            [("portfolio.revenue_split", "split_sum")],
        ),
        (
            {"portfolio.revenue_split": {"diesel_stuff": 100}},
            [("portfolio.revenue_split", "unknown_option")],
        ),
        (
            {"portfolio.revenue_split": {"ice_fuel_injection": 120, "battery_systems": -20}},
            [("portfolio.revenue_split", "out_of_range")] * 2,
        ),
        ({"portfolio.revenue_split": None}, [("portfolio.revenue_split", "required")]),
        (
            {"portfolio.contract_horizon": "2040"},
            [("portfolio.contract_horizon", "unknown_option")],
        ),
        ({"portfolio.contract_horizon": None}, [("portfolio.contract_horizon", "required")]),
        (
            {"portfolio.core_technologies": ["machining", "machining", "laser"]},
            [
                ("portfolio.core_technologies", "unknown_option"),
                ("portfolio.core_technologies", "duplicate_option"),
            ],
        ),
        ({"market.price_pressure": 6}, [("market.price_pressure", "out_of_range")]),
        ({"market.price_pressure": 2.5}, [("market.price_pressure", "wrong_type")]),
        ({"market.price_pressure": 4.0}, []),
        ({"market.price_pressure": None}, []),
        ({"market.top_customer_share": True}, [("market.top_customer_share", "wrong_type")]),
        ({"market.top_customer_share": "45"}, [("market.top_customer_share", "wrong_type")]),
        ({"market.top_customer_share": 101}, [("market.top_customer_share", "out_of_range")]),
        (
            {"market.customers_over_5pct": 2.5},
            [("market.customers_over_5pct", "not_whole_number")],
        ),
        (
            {"strategy.transformation_strategy": 5},
            [("strategy.transformation_strategy", "out_of_range")],
        ),
        ({"digital.data_usage": 5}, []),
        ({"digital.systems_in_use": "erp"}, [("digital.systems_in_use", "wrong_type")]),
        ({"finance.ebit_margin": "0-3"}, [("finance.ebit_margin", "unknown_option")]),
        ({"strategy.vision": 3}, [("strategy.vision", "unknown_item")]),
        ({"company.name": "Hofmann GmbH"}, [("company.name", "profile_item")]),
    ],
)  # fmt: skip
def test_answer_validation(
    changes: dict[str, Any], expected: list[tuple[str, str]], questionnaire: Questionnaire
) -> None:
    assert _errors(questionnaire, changes) == expected


def test_messages_name_the_problem_in_both_languages(questionnaire: Questionnaire) -> None:
    answers = copy.deepcopy(FULL_ANSWERS)
    answers["portfolio.revenue_split"] = {"ice_fuel_injection": 60, "battery_systems": 35.5}
    answers["market.top_customer_share"] = 120
    split, share = validate_answers(questionnaire, answers)
    assert split.message.de == "Die Anteile ergeben zusammen 95,5 %; sie müssen 100 % ergeben."
    assert split.message.en == "The shares add up to 95.5 %; they must add up to 100 %."
    assert share.message.de == "Der Wert muss zwischen 0 und 100 liegen."
    assert share.message.en == "The value must be between 0 and 100."


def test_required_items_only_when_complete(questionnaire: Questionnaire) -> None:
    draft = {"market.price_pressure": 3}
    assert validate_answers(questionnaire, draft, complete=False) == []
    missing = {e.item_id for e in validate_answers(questionnaire, draft)}
    assert missing == {
        "portfolio.revenue_split",
        "portfolio.contract_horizon",
        "portfolio.new_nominations",
        "portfolio.core_technologies",
        "portfolio.main_segment",
    }


def test_profile_validation(questionnaire: Questionnaire) -> None:
    profile = PROFILE
    assert validate_profile(questionnaire, profile) == []
    broken = profile | {
        "company.contact_email": "a.hofmann",
        "company.consent_processing": False,
        "company.consent_benchmarking": "yes",
        "market.price_pressure": 3,
    }
    assert [(e.item_id, e.code) for e in validate_profile(questionnaire, broken)] == [
        ("company.contact_email", "not_an_address"),
        ("company.consent_processing", "consent_required"),
        ("company.consent_benchmarking", "wrong_type"),
        ("market.price_pressure", "unknown_item"),
    ]
    injected = profile | {
        "company.name": "Hofmann GmbH\r\nBcc: victim@example.org",
        "company.contact_name": "Andreas\x00Hofmann",
    }
    assert [(e.item_id, e.code) for e in validate_profile(questionnaire, injected)] == [
        ("company.name", "not_single_line"),
        ("company.contact_name", "not_single_line"),
    ]


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\u2028"])
@pytest.mark.parametrize("item_id", ["company.name", "company.contact_name"])
def test_names_with_reversing_invisible_or_separator_characters_are_refused(
    questionnaire: Questionnaire, item_id: str, hidden: str
):
    [error] = validate_profile(questionnaire, {item_id: f"Hofmann{hidden}HbmG"}, complete=False)

    assert (error.item_id, error.code) == (item_id, "not_single_line")
    assert error.message.de == (
        "Bitte nur eine Zeile sichtbaren Text: ohne Steuerzeichen, Zeilenumbrüche und "
        "unsichtbare Formatierungszeichen (wie U+202E oder U+200B)."
    )
    assert error.message.en == (
        "Please use one line of visible text: no control characters, line breaks or "
        "invisible formatting characters (such as U+202E or U+200B)."
    )


@pytest.mark.parametrize("item_id", ["company.name", "company.contact_name"])
def test_a_blank_name_is_refused(questionnaire: Questionnaire, item_id: str):
    [error] = validate_profile(questionnaire, {item_id: " \u00a0 "}, complete=False)

    assert (error.item_id, error.code) == (item_id, "blank")
    assert error.message.de == "Bitte geben Sie einen Text ein, nicht nur Leerzeichen."
    assert error.message.en == "Please enter a text, not only spaces."


@pytest.mark.parametrize(
    "address",
    ["jürgen@müller.example", "jurgen@müller.example", '"\x07x"@example.com',
     "x@y.example,victim", "erika@example"],
)  # fmt: skip
def test_addresses_the_mail_layer_refuses_are_refused(questionnaire: Questionnaire, address: str):
    [error] = validate_profile(questionnaire, {"company.contact_email": address}, complete=False)

    assert (error.item_id, error.code) == ("company.contact_email", "not_an_address")
    assert error.message.de == (
        "Bitte eine E-Mail-Adresse, an die wir senden können: eine einzige Adresse wie "
        "name@example.org, nur ASCII-Zeichen (keine Umlaute)."
    )
    assert error.message.en == (
        "Please enter an e-mail address we can send to: one address like "
        "name@example.org, in ASCII letters only (no umlauts)."
    )


# -- skip logic -----------------------------------------------------------------------------

FOLLOW_UPS = {
    "innovation.certifications",
    "innovation.software_hv_development",
    "workforce.hv_qualified_share",
}


def _visible(questionnaire: Questionnaire, answers: dict[str, Any]) -> set[str]:
    return {item.id for item in questionnaire.visible_items(answers)}


@pytest.mark.parametrize(
    ("split", "technologies", "shown"),
    [
        ({"body_closures": 100}, ["forming_stamping"], False),
        ({"body_closures": 100}, ["embedded_software"], True),
        ({"body_closures": 100}, ["electronics_manufacturing", "machining"], True),
        ({"body_closures": 90, "ice_fuel_injection": 10}, [], True),
        ({"body_closures": 100, "ice_fuel_injection": 0}, [], False),
        ({"seats_interior_hmi": 50, "power_electronics_hv": 50}, [], True),
    ],
)
def test_software_and_hv_follow_ups_need_electronics_or_drivetrain_business(
    split: dict[str, float], technologies: list[str], shown: bool, questionnaire: Questionnaire
) -> None:
    answers = {"portfolio.revenue_split": split, "portfolio.core_technologies": technologies}
    visible = _visible(questionnaire, answers)
    if shown:
        assert visible >= FOLLOW_UPS
    else:
        assert not visible & FOLLOW_UPS


def test_follow_ups_stay_hidden_until_the_portfolio_is_answered(
    questionnaire: Questionnaire,
) -> None:
    visible = _visible(questionnaire, {})
    assert not FOLLOW_UPS & visible
    assert len(visible) == len(questionnaire.items) - len(FOLLOW_UPS)


def test_answers_to_hidden_items_are_accepted(questionnaire: Questionnaire) -> None:
    answers = copy.deepcopy(FULL_ANSWERS)
    answers["portfolio.revenue_split"] = {"body_closures": 100}
    assert not questionnaire.is_visible("innovation.certifications", answers)
    assert validate_answers(questionnaire, answers) == []


# -- a broken questionnaire -----------------------------------------------------------------


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(item for item in data["items"] if item["id"] == item_id)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda d: d["items"].append(copy.deepcopy(_item(d, "market.price_pressure"))),
            "items: [54] repeats the id 'market.price_pressure'",
        ),
        (
            lambda d: _item(d, "digital.ai_usage")["options"][1].pop("label"),
            "items[34] (digital.ai_usage).options[1]: label is missing",
        ),
        (
            lambda d: _item(d, "digital.kpi_driven")["why"].pop("en"),
            "items[35] (digital.kpi_driven).why: en is missing",
        ),
        (
            lambda d: _item(d, "innovation.certifications")["show_if"]["any"][0].update(
                item="finance.succession"
            ),
            "'finance.succession' is not an item asked before this one",
        ),
        (
            lambda d: _item(d, "strategy.fade_out_plan").update(type="slider"),
            "type 'slider' is not one of split, single, band, multi",
        ),
        (
            lambda d: _item(d, "market.top_customer_share").update(min=100, max=0),
            "items[14] (market.top_customer_share): max 0.0 is not above min 100.0",
        ),
        (
            lambda d: _item(d, "market.revenue_trend").update(dimension="finance"),
            "items[19] (market.revenue_trend): id does not start with its dimension 'finance'",
        ),
        (
            lambda d: _item(d, "portfolio.main_segment").update(allows_unknown=True),
            "items[13] (portfolio.main_segment): required is true, so allows_unknown must be false",
        ),
        (lambda d: d.pop("likert_labels"), "questionnaire 2026.1: likert_labels is missing"),
    ],
    ids=[
        "duplicate item id",
        "option without label",
        "why without English",
        "skip rule on a later item",
        "unknown item type",
        "min above max",
        "id outside its dimension",
        "required but allows unknown",
        "missing likert labels",
    ],
)
def test_a_broken_questionnaire_names_the_bad_entry(
    breakage: Any, message: str, raw_questionnaire: dict[str, Any]
) -> None:
    breakage(raw_questionnaire)
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(raw_questionnaire)
    assert message in str(raised.value)
    assert str(raised.value).startswith("questionnaire 2026.1: ")


def test_the_packaged_questionnaire_loads_from_its_data(raw_questionnaire: dict[str, Any]) -> None:
    assert load_questionnaire(raw_questionnaire).version == "2026.1"
