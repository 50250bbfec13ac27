"""The formulas of methodology.md, checked against hand-computed cases (ruleset 2026.1).

The reference answer sets and their item scores are in conftest.py.

One module over 350 lines: each formula of the methodology with its hand-computed cases.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, LOW_EXPOSURE_ELSEWHERE, TODAY

from assessment.domain import CompanyProfile, InvalidAnswers, Questionnaire, Ruleset, score
from assessment.domain.item_scores import answer_score, item_score, piecewise, round_half_up
from assessment.domain.ruleset import ItemRule
from assessment.domain.scorecard import ScoreCard


def scored(
    answers: dict[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
    company: CompanyProfile | None = None,
    today: date = TODAY,
) -> ScoreCard:
    company = company or CompanyProfile(employees="50_249", district="bamberg_land")
    return score(answers, questionnaire, ruleset, today=today, company=company)


# -- item scoring ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "reverse", "expected"),
    [(1, False, 0.0), (3, False, 50.0), (4, False, 75.0), (5, False, 100.0), (4, True, 25.0)],
)
def test_likert_is_x_minus_1_over_4_reversed_for_negative_statements(
    answer: int, reverse: bool, expected: float
) -> None:
    # (x - 1)/4 · 100; reversed: 100 - that, so 4 → 100 - 75 = 25.
    assert item_score(ItemRule("x.y", "likert", reverse=reverse), 0, answer) == expected


@pytest.mark.parametrize(
    ("item_id", "answer", "expected"),
    [
        ("strategy.transformation_strategy", 3, 75.0),  # 5 rungs, n = 4: 3/4·100
        ("digital.data_usage", 2, 40.0),  # 6 rungs, n = 5: 2/5·100
        ("innovation.research_cooperation", 3, 100.0),  # 4 rungs, n = 3: 3/3·100
        ("workforce.strategic_planning", 0, 0.0),
    ],
)
def test_ladder_is_x_over_n(
    item_id: str, answer: int, expected: float, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    assert answer_score(item_id, {item_id: answer}, questionnaire, ruleset) == expected


@pytest.mark.parametrize(
    ("item_id", "answer", "expected"),
    [
        ("market.supply_chain_tier", "tier2", 60.0),  # single choice: the option's score
        ("finance.succession", "open", 0.0),
        ("innovation.rd_intensity", "3_5", 75.0),  # band: also an option score
        # multi choice: 15 + 25 = 40
        ("strategy.diversification_activities", ["new_sector_fairs", "non_auto_customers"], 40.0),
        ("strategy.diversification_activities", [], 0.0),
        # all seven: 15 + 25 + 20 + 15 + 20 + 20 + 10 = 125, capped at 100
        (
            "strategy.diversification_activities",
            [
                "new_sector_fairs",
                "non_auto_customers",
                "new_automotive_products",
                "services",
                "cooperation_jv",
                "acquisition",
                "site_concept",
            ],
            100.0,
        ),
        ("market.top_customer_share", 45, 90.0),  # (0,0)-(50,100): 45 → 90
        ("market.top_customer_share", 80, 100.0),  # flat beyond the last point
        ("market.customers_over_5pct", 3, 60.0),  # (1,100)-(6,0): 100 - 2·20
        ("market.customers_over_5pct", 12, 0.0),
        ("energy.energy_cost_share", 2.5, 25.0),  # (0,0)-(10,100)
    ],
)
def test_choice_and_number_items_use_the_rulesets_scores(
    item_id: str, answer: Any, expected: float, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    assert answer_score(item_id, {item_id: answer}, questionnaire, ruleset) == expected


def test_piecewise_interpolates_and_is_flat_outside() -> None:
    points = ((0.0, 0.0), (1.0, 100.0), (6.0, 0.0))
    assert [piecewise(points, x) for x in (-1, 0, 0.5, 1, 3.5, 6, 9)] == [0, 0, 50, 100, 50, 0, 0]


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [(54.35, 1, 54.4), (54.349999999999994, 1, 54.4), (49.94, 1, 49.9), (0.925, 2, 0.93)],
)
def test_rounding_is_half_up_without_float_noise(
    value: float, digits: int, expected: float
) -> None:
    assert round_half_up(value, digits) == expected


# -- dimensions, missing answers and confidence ----------------------------------------------


def test_full_answers_give_the_hand_computed_dimension_scores(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(full_answers, questionnaire, ruleset)
    assert {d.id: d.score for d in card.dimensions} == {
        "portfolio": 56.0,  # E_prod
        "market": 80.8,  # E_cust 80.75
        "strategy": 54.0,
        "innovation": 51.7,  # 310/6
        "digital": 43.0,
        "energy": 26.7,  # 80/3
        "workforce": 49.7,  # 248.333/5
        "finance": 53.9,  # 323.333/6
    }
    assert card.confidence == 1.0


def test_weiss_nicht_reweights_the_dimension_and_never_counts_as_zero(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    full_answers["strategy.new_product_share"] = None
    missing = scored(full_answers, questionnaire, ruleset).dimension("strategy")
    # (50 + 50 + 50 + 70) / 4 = 55.0, where counting it as 0 would give 220/5 = 44.0
    assert missing.score == 55.0
    assert missing.confidence == 0.8  # 4 of 5 equal weights answered

    full_answers["strategy.new_product_share"] = 0
    assert scored(full_answers, questionnaire, ruleset).dimension("strategy").score == 44.0


def test_an_absent_item_counts_like_weiss_nicht(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    with_null = dict(full_answers, **{"digital.kpi_driven": None})
    without = {k: v for k, v in full_answers.items() if k != "digital.kpi_driven"}
    assert scored(with_null, questionnaire, ruleset) == scored(without, questionnaire, ruleset)


def test_sparse_answers_reweight_readiness_and_exposure(
    sparse_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(sparse_answers, questionnaire, ruleset)
    # Each readiness dimension has one answer, so R_d is that item's score:
    # R = 0.20·50 + 0.20·100 + 0.15·40 + 0.15·25 + 0.15·75 + 0.15·70
    #   = 10 + 20 + 6 + 3.75 + 11.25 + 10.5 = 61.5
    assert card.readiness.score == 61.5
    # No customer or pressure answer: E re-weights to E_prod alone.
    assert (card.exposure.cust, card.exposure.press, card.exposure.score) == (None, None, 56.0)
    assert card.dimension("market").score is None
    assert card.dimension("market").result is None
    # confidence = (E 0.60·1 + 0.25·0 + 0.15·0 = 0.6
    #   + R 0.20·1/5 + 0.20·1/6 + 0.15·1/5 + 0.15·1/3 + 0.15·1/5 + 0.15·1/6 = 0.2083) / 2
    #   = 0.4042 → 0.40
    assert card.confidence == 0.4


def test_a_dimension_without_answers_drops_out_of_r(
    sparse_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    del sparse_answers["finance.ebit_margin"]
    card = scored(sparse_answers, questionnaire, ruleset)
    # (10 + 20 + 6 + 3.75 + 11.25) / 0.85 = 51 / 0.85 = 60.0
    assert card.readiness.score == 60.0
    assert card.dimension("finance").score is None


def test_confidence_is_the_share_of_weight_answered(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    for item_id in [k for k in full_answers if k.startswith("finance.")]:
        full_answers[item_id] = None
    # E fully answered (1.0), R without finance (1 - 0.15 = 0.85): (1.0 + 0.85)/2 = 0.925 → 0.93
    assert scored(full_answers, questionnaire, ruleset).confidence == 0.93


def test_the_revenue_split_is_mandatory(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    del full_answers["portfolio.revenue_split"]
    with pytest.raises(InvalidAnswers) as raised:
        scored(full_answers, questionnaire, ruleset)
    assert [(e.item_id, e.code) for e in raised.value.errors] == [
        ("portfolio.revenue_split", "required")
    ]


def test_without_any_readiness_answer_there_is_nothing_to_score(
    sparse_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    answers = {k: v for k, v in sparse_answers.items() if k.startswith("portfolio.")}
    with pytest.raises(InvalidAnswers) as raised:
        scored(answers, questionnaire, ruleset)
    assert raised.value.errors[0].code == "no_readiness_answer"


def test_invalid_answers_and_an_unknown_company_band_are_refused(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    full_answers["market.price_pressure"] = 6
    with pytest.raises(InvalidAnswers) as raised:
        scored(full_answers, questionnaire, ruleset, CompanyProfile("huge", "bamberg_land"))
    assert [(e.item_id, e.code) for e in raised.value.errors] == [
        ("market.price_pressure", "out_of_range"),
        ("company.employees", "unknown_option"),
    ]


def test_hidden_items_count_neither_way(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    # Body parts only, machining only: the software/HV follow-ups are hidden.
    full_answers["portfolio.revenue_split"] = {"body_closures": 80, "non_automotive": 20}
    card = scored(full_answers, questionnaire, ruleset)
    # innovation without certifications (70) and software_hv_development (33.333):
    # (50 + 50 + 40 + 66.667) / 4 = 51.667; workforce without hv_qualified_share (50):
    # (33.333 + 50 + 40 + 75) / 4 = 49.583
    assert card.dimension("innovation").score == 51.7
    assert card.dimension("workforce").score == 49.6
    assert card.confidence == 1.0  # hidden items are not missing

    for item_id in ("innovation.certifications", "workforce.hv_qualified_share"):
        del full_answers[item_id]
    assert scored(full_answers, questionnaire, ruleset).confidence == 1.0


# -- exposure -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("split", "horizon", "segment", "nominations", "e_prod", "t"),
    [
        # 100 · (0.5·1.0 + 0.3·0.2 + 0.2·0.0) · 1.0 = 56.0
        ({"ice_fuel_injection": 50, "body_closures": 30, "battery_systems": 20},
         "2030_2032", "passenger_cars", "none", 56.0, 1.0),
        # 56 · 1.1 = 61.6
        ({"ice_fuel_injection": 50, "body_closures": 30, "battery_systems": 20},
         "2027_2029", "passenger_cars", "none", 61.6, 1.1),
        # 56 · 1.2 - 10 = 57.2
        ({"ice_fuel_injection": 50, "body_closures": 30, "battery_systems": 20},
         "before_2027", "passenger_cars", "first_nomination", 57.2, 1.2),
        # trucks: t = 1.2 · 0.8 = 0.96; 56 · 0.96 = 53.76 → 53.8
        ({"ice_fuel_injection": 50, "body_closures": 30, "battery_systems": 20},
         "before_2027", "commercial_vehicles", "none", 53.8, 0.96),
        # off-highway, unknown horizon: t = 1.1 · 0.8 = 0.88; 100·(0.6·0.75 + 0.4·0.45)·0.88
        # = 100 · 0.63 · 0.88 = 55.44 → 55.4
        ({"transmission_clutch": 60, "hybrid_transition": 40},
         "unknown", "off_highway", "none", 55.4, 0.88),
        # min(100, 100 · 1.0 · 1.2 = 120) - 15 = 85.0: the cap applies before the bonus
        ({"ice_engine_mechanics": 100}, "before_2027", "passenger_cars", "several_in_series",
         85.0, 1.2),
        # growth only: 0 - 5 clamps to 0
        ({"e_motor_e_axle": 70, "non_automotive": 30}, "after_2032", "two_wheelers", "in_request",
         0.0, 0.9),
    ],
)  # fmt: skip
def test_e_prod(
    split: dict[str, float],
    horizon: str,
    segment: str,
    nominations: str,
    e_prod: float,
    t: float,
    full_answers: dict[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> None:
    full_answers |= {
        "portfolio.revenue_split": split,
        "portfolio.contract_horizon": horizon,
        "portfolio.main_segment": segment,
        "portfolio.new_nominations": nominations,
    }
    card = scored(full_answers, questionnaire, ruleset)
    assert (card.exposure.prod, card.timing_factor) == (e_prod, t)


def test_e_cust_e_press_and_e(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(full_answers, questionnaire, ruleset)
    # E_cust = 0.35·90 + 0.25·85 + 0.20·60 + 0.10·60 + 0.10·100 = 80.75 → 80.8
    # E_press = (70 + 60 + 70)/3 = 66.667 → 66.7
    # E = 0.60·56 + 0.25·80.75 + 0.15·66.667 = 33.6 + 20.1875 + 10.0 = 63.7875 → 63.8
    assert (card.exposure.cust, card.exposure.press, card.exposure.score) == (80.8, 66.7, 63.8)
    assert card.exposure.result.level.id == "hoch"
    assert not card.exposure.floor_applied


def test_missing_customer_items_reweight_e_cust(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    full_answers["market.top_customer_share"] = None
    full_answers["energy.energy_cost_share"] = None
    card = scored(full_answers, questionnaire, ruleset)
    # E_cust = (0.25·85 + 0.20·60 + 0.10·60 + 0.10·100) / 0.65 = 49.25/0.65 = 75.769 → 75.8
    # E_press = (70 + 70)/2 = 70.0
    assert (card.exposure.cust, card.exposure.press) == (75.8, 70.0)
    assert card.dimension("market").confidence == 0.65


def _low_exposure_elsewhere(answers: dict[str, Any]) -> dict[str, Any]:
    """E_cust = 6.5 and E_press = 0 (see LOW_EXPOSURE_ELSEWHERE)."""
    return answers | LOW_EXPOSURE_ELSEWHERE


def test_e_prod_of_70_lifts_e_to_60(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    answers = _low_exposure_elsewhere(full_answers)
    answers["portfolio.revenue_split"] = {"ice_air_exhaust": 70, "non_automotive": 30}
    card = scored(answers, questionnaire, ruleset)
    # E_prod = 70.0; E = 0.60·70 + 0.25·6.5 + 0.15·0 = 43.625, lifted to 60
    assert (card.exposure.prod, card.exposure.score, card.exposure.floor_applied) == (
        70.0,
        60.0,
        True,
    )
    assert card.assessment_class.id in {"A", "B"}


def test_e_prod_of_69_9_does_not_lift_e(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    answers = _low_exposure_elsewhere(full_answers)
    answers["portfolio.revenue_split"] = {"ice_air_exhaust": 69.9, "non_automotive": 30.1}
    card = scored(answers, questionnaire, ruleset)
    # E = 0.60·69.9 + 1.625 = 43.565 → 43.6
    assert (card.exposure.prod, card.exposure.score, card.exposure.floor_applied) == (
        69.9,
        43.6,
        False,
    )


def test_the_floor_never_lowers_e(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    full_answers["portfolio.revenue_split"] = {"ice_fuel_injection": 100}
    card = scored(full_answers, questionnaire, ruleset)
    # E = 0.60·100 + 0.25·80.75 + 0.15·66.667 = 60 + 20.1875 + 10 = 90.1875 → 90.2
    assert (card.exposure.score, card.exposure.floor_applied) == (90.2, False)


def test_growth_share_sums_the_growth_categories(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    full_answers["portfolio.revenue_split"] = {
        "ice_fuel_injection": 40,
        "hydrogen_fuel_cell": 5,
        "sensors_adas_software": 15,
        "non_automotive": 25,
        "tyres_wheels": 15,
    }
    card = scored(full_answers, questionnaire, ruleset)
    assert card.growth_share == 45.0  # 5 + 15 + 25
    assert card.exposure_profile.revenue_by_class == {
        "ice_specific": 40.0,
        "growth": 20.0,
        "non_automotive": 25.0,
        "neutral": 15.0,
    }


@pytest.mark.parametrize(
    ("horizon", "segment", "flag"),
    [
        ("before_2027", "passenger_cars", True),  # t = 1.2
        ("2027_2029", "passenger_cars", True),  # t = 1.1, the boundary
        ("unknown", "passenger_cars", True),  # t = 1.1
        ("2030_2032", "passenger_cars", False),  # t = 1.0
        ("before_2027", "commercial_vehicles", False),  # t = 0.96
    ],
)
def test_time_pressure_from_t_1_1(
    horizon: str,
    segment: str,
    flag: bool,
    full_answers: dict[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> None:
    full_answers["portfolio.contract_horizon"] = horizon
    full_answers["portfolio.main_segment"] = segment
    assert scored(full_answers, questionnaire, ruleset).time_pressure is flag


# -- readiness, class, priority, gaps --------------------------------------------------------


def test_r_class_and_priority_of_the_full_answers(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(full_answers, questionnaire, ruleset)
    # R = 0.20·54 + 0.20·51.667 + 0.15·43 + 0.15·26.667 + 0.15·49.667 + 0.15·53.889
    #   = 10.8 + 10.333 + 6.45 + 4.0 + 7.45 + 8.083 = 47.117 → 47.1
    assert card.readiness.score == 47.1
    assert card.readiness.result.level.id == "entwickler"
    assert card.assessment_class.id == "A"  # E 63.8 ≥ 50, R 47.1 < 50
    # P = 63.8 · (100 - 47.1) / 100 = 33.750 → 33.8, between 25 and 40
    assert (card.priority.score, card.priority.label.id) == (33.8, "hoch")
    assert card.critical_gaps == ()  # energy 26.7 is not below 25


def _exposure_and_readiness(e_split: dict[str, float], strategy: dict[str, Any]) -> dict[str, Any]:
    """E = E_prod (no customer or pressure answer) and R = strategy (its only answers)."""
    return {
        "portfolio.revenue_split": e_split,
        "portfolio.contract_horizon": "2030_2032",
        "portfolio.new_nominations": "none",
        "portfolio.core_technologies": [],
        "portfolio.main_segment": "passenger_cars",
    } | strategy


# E_prod = 100 · 0.5 · 1.0 = 50.0, or 100 · 0.499 = 49.9
E_50 = {"ice_fuel_injection": 50, "non_automotive": 50}
E_49_9 = {"ice_fuel_injection": 49.9, "non_automotive": 50.1}
# strategy 2/4·100 = 50.0, or new product share 14.97/30·100 = 49.9
R_50 = {"strategy.transformation_strategy": 2}
R_49_9 = {"strategy.new_product_share": 14.97}


@pytest.mark.parametrize(
    ("split", "strategy", "expected"),
    [(E_50, R_49_9, "A"), (E_50, R_50, "B"), (E_49_9, R_49_9, "C"), (E_49_9, R_50, "D")],
)
def test_class_boundaries_at_50(
    split: dict[str, float],
    strategy: dict[str, Any],
    expected: str,
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> None:
    card = scored(_exposure_and_readiness(split, strategy), questionnaire, ruleset)
    assert card.assessment_class.id == expected
    assert {card.exposure.score, card.readiness.score} <= {49.9, 50.0}


def test_levels_start_at_their_threshold(ruleset: Ruleset) -> None:
    readiness = [
        ruleset.readiness_levels.at(s).id for s in (0, 24.9, 25, 25.5, 49.9, 50, 74.9, 75, 100)
    ]
    assert readiness == [
        "einsteiger",
        "einsteiger",
        "entwickler",
        "entwickler",
        "entwickler",
        "fortgeschritten",
        "fortgeschritten",
        "vorreiter",
        "vorreiter",
    ]
    exposure = [ruleset.exposure_levels.at(s).id for s in (24.9, 25, 49.9, 50, 75)]
    assert exposure == ["gering", "mittel", "mittel", "hoch", "sehr_hoch"]


def test_priority_labels(ruleset: Ruleset) -> None:
    labels = [ruleset.priority.at(p).id for p in (0, 11.9, 12, 24.9, 25, 39.9, 40, 100)]
    assert labels == [
        "niedrig",
        "niedrig",
        "mittel",
        "mittel",
        "hoch",
        "hoch",
        "dringend",
        "dringend",
    ]


@pytest.mark.parametrize(
    ("strategy", "critical"),
    [
        ({"strategy.new_product_share": 7.47}, True),  # 7.47/30·100 = 24.9
        ({"strategy.transformation_strategy": 1}, False),  # 25.0
    ],
)
def test_critical_gap_below_25(
    strategy: dict[str, Any], critical: bool, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(_exposure_and_readiness(E_50, strategy), questionnaire, ruleset)
    assert ("strategy" in card.critical_gaps) is critical
    assert card.dimension("strategy").result.level.id == (
        "einsteiger" if critical else "entwickler"
    )


def test_top_gaps_rank_by_gap_times_weight_times_e(
    sparse_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    sparse_answers["innovation.rd_intensity"] = "lt1"  # innovation 25
    sparse_answers["workforce.employee_involvement"] = 1  # workforce 0
    card = scored(sparse_answers, questionnaire, ruleset)
    # Candidates (E = 56.0, so E/100 = 0.56); strategy 50 and finance 70 are not below 50:
    #   portfolio  E_prod 56 ≥ 50: 56 · 0.60 · 0.56 = 18.816
    #   innovation 25:   (100 - 25) · 0.20 · 0.56 = 8.4
    #   workforce  0:    (100 - 0) · 0.15 · 0.56 = 8.4   (tie: questionnaire order)
    #   energy     25:   (100 - 25) · 0.15 · 0.56 = 6.3
    #   digital    40:   (100 - 40) · 0.15 · 0.56 = 5.04
    assert [(g.dimension, g.rank) for g in card.top_gaps] == [
        ("portfolio", 18.816),
        ("innovation", 8.4),
        ("workforce", 8.4),
    ]
    assert card.critical_gaps == ("workforce",)
    # Recommendations follow the top gaps, then the critical gaps not among them.
    assert card.weak_dimensions == ("portfolio", "innovation", "workforce")


def test_portfolio_is_a_gap_only_from_e_prod_50(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    low = scored(_exposure_and_readiness(E_49_9, R_49_9), questionnaire, ruleset)
    high = scored(_exposure_and_readiness(E_50, R_49_9), questionnaire, ruleset)
    assert [g.dimension for g in low.top_gaps] == ["strategy"]
    assert [g.dimension for g in high.top_gaps] == ["portfolio", "strategy"]
    assert high.top_gaps[0].result.text == ruleset.level_text("portfolio", "hoch")


# -- recommendations ------------------------------------------------------------------------


def _digital_gap(answers: dict[str, Any]) -> dict[str, Any]:
    return answers | {
        "digital.data_usage": 0,
        "digital.systems_in_use": [],
        "digital.information_security": "none",
        "digital.ai_usage": "none",
        "digital.kpi_driven": 1,
    }


def _funding_ids(card: ScoreCard) -> list[str]:
    return [offer.id for offer in card.recommendations.funding]


def test_an_expired_programme_never_appears(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    small = CompanyProfile(employees="lt50", district="bamberg_stadt")
    card = scored(_digital_gap(full_answers), questionnaire, ruleset, small)
    assert "digital" in card.weak_dimensions
    assert "digitalbonus_bayern" in _funding_ids(card)
    assert "go_digital" not in _funding_ids(card)  # ended 2024-12-31
    assert "bafa_modernisierung_zulieferer" not in _funding_ids(card)  # ended 2023-11-30


def test_a_programme_is_shown_up_to_and_including_its_last_day(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    small = CompanyProfile(employees="lt50", district="bamberg_stadt")
    answers = _digital_gap(full_answers)
    last_day = date(2027, 12, 31)  # Digitalbonus Bayern
    on_last_day = scored(answers, questionnaire, ruleset, small, today=last_day)
    day_after = scored(answers, questionnaire, ruleset, small, today=last_day + timedelta(days=1))
    assert "digitalbonus_bayern" in _funding_ids(on_last_day)
    assert "digitalbonus_bayern" not in _funding_ids(day_after)


@pytest.mark.parametrize(
    ("company", "present", "absent"),
    [
        # Digitalbonus: fewer than 50 staff and a Bavarian site
        (CompanyProfile("lt50", "kronach"), {"digitalbonus_bayern"}, set()),
        (CompanyProfile("50_249", "kronach"), set(), {"digitalbonus_bayern"}),
        (
            CompanyProfile("lt50", "outside_bavaria"),
            {"mittelstand_digital_zentren"},
            {"digitalbonus_bayern", "baytfs_prozessinnovation"},
        ),
        # BayTP+ up to 400 staff: not for 1,000 and more
        (CompanyProfile("ge1000", "hof"), set(), {"baytfs_baytp_plus", "zim"}),
        (CompanyProfile("250_999", "hof"), {"baytfs_baytp_plus", "zim"}, set()),
    ],
)
def test_funding_follows_eligibility(
    company: CompanyProfile,
    present: set[str],
    absent: set[str],
    full_answers: dict[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> None:
    answers = _digital_gap(full_answers)
    answers["innovation.rd_intensity"] = "none"  # innovation below 50 too
    answers["innovation.growth_competences"] = []
    card = scored(answers, questionnaire, ruleset, company)
    funding = set(_funding_ids(card))
    assert present <= funding
    assert not absent & funding


@pytest.mark.parametrize(
    ("revenue_band", "planned_investment", "shown"),
    [
        ("2m_10m", 1, False),  # 10m · 1 % · 3 years = 300k < 500k
        ("2m_10m", 2, True),  # 10m · 2 % · 3 years = 600k
        ("2m_10m", None, True),  # unknown: kept, the fit text names the minimum
        (None, 1, True),
    ],
)
def test_bik_needs_a_project_of_500k(
    revenue_band: str | None,
    planned_investment: float | None,
    shown: bool,
    full_answers: dict[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> None:
    full_answers["finance.planned_investment"] = planned_investment
    company = CompanyProfile("50_249", "forchheim", revenue_band)
    card = scored(full_answers, questionnaire, ruleset, company)
    assert "energy" in card.weak_dimensions
    assert ("bik" in _funding_ids(card)) is shown


def test_an_event_that_has_started_is_not_recommended(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    event_day = date(2026, 4, 23)  # Zuliefertag Wasserstoff, for portfolio gaps
    on_the_day = scored(full_answers, questionnaire, ruleset, today=event_day)
    next_day = scored(full_answers, questionnaire, ruleset, today=event_day + timedelta(days=1))
    assert "zuliefertag_wasserstoff_2026" in [e.id for e in on_the_day.recommendations.education]
    assert "zuliefertag_wasserstoff_2026" not in [e.id for e in next_day.recommendations.education]


def test_recommendations_serve_the_weak_dimensions(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    card = scored(full_answers, questionnaire, ruleset)
    # top gaps portfolio, energy, digital; market because E_cust 80.8 ≥ 50
    assert card.weak_dimensions == ("portfolio", "energy", "digital", "market")
    recommendations = card.recommendations
    assert {m.dimension for m in recommendations.measures} == set(card.weak_dimensions)
    # Breadth first: each weak dimension's first measure comes before any second one.
    assert [m.id for m in recommendations.measures[:4]] == [
        "portfolio_fade_out_fade_in",
        "co2_balance_energy_audit",
        "data_capture_quick_check",
        "customer_risk_map",
    ]
    # Measures for one core technology only go to companies that have it (machining here).
    ids = {m.id for m in recommendations.measures}
    assert "structural_castings_ev" not in ids  # die casting
    # Opportunity fields come from the core technologies.
    assert recommendations.technologies[0].id == "e_motor_inverter_housings"
    agenda = [point.id for point in recommendations.agenda]
    assert agenda[0] == "validate_revenue_split"
    assert agenda[-1] == "reassessment_date"
    assert "liquidity_workforce_scenario" in agenda  # class A
    assert "consortium_building" not in agenda  # class B
    assert all(f.programme.runs_on(TODAY) for f in recommendations.funding)


def test_no_weak_dimension_leaves_standard_agenda_and_opportunity_fields(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    answers = _exposure_and_readiness(
        {"e_motor_e_axle": 100}, {"strategy.transformation_strategy": 4}
    ) | {"portfolio.core_technologies": ["winding_electrical_machines"]}
    card = scored(answers, questionnaire, ruleset)
    assert card.assessment_class.id == "D"
    assert card.weak_dimensions == ()
    assert card.recommendations.measures == card.recommendations.funding == ()
    assert [t.id for t in card.recommendations.technologies] == ["e_motor_stators_rotors"]
    assert "pilot_partner_mentor" in [point.id for point in card.recommendations.agenda]


# -- properties -----------------------------------------------------------------------------


def test_scoring_is_deterministic_and_independent_of_answer_order(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    first = scored(full_answers, questionnaire, ruleset)
    reordered = dict(reversed(list(full_answers.items())))
    for key, value in reordered.items():
        if isinstance(value, list):
            reordered[key] = list(reversed(value))
        if isinstance(value, dict):
            reordered[key] = dict(reversed(list(value.items())))
    assert scored(full_answers, questionnaire, ruleset) == first
    assert scored(reordered, questionnaire, ruleset) == first


def _random_answers(rng: random.Random, questionnaire: Questionnaire) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in questionnaire.items:
        if item.is_profile:
            continue
        if item.allows_unknown and rng.random() < 0.2:
            answers[item.id] = None
        elif item.type == "split":
            chosen = rng.sample(item.option_ids, rng.randint(1, 5))
            cuts = sorted(rng.sample(range(1, 100), len(chosen) - 1))
            answers[item.id] = {
                c: b - a for c, a, b in zip(chosen, [0, *cuts], [*cuts, 100], strict=True)
            }
        elif item.type in {"single", "band"}:
            answers[item.id] = rng.choice(item.option_ids)
        elif item.type == "multi":
            answers[item.id] = rng.sample(item.option_ids, rng.randint(0, len(item.options)))
        elif item.type == "likert":
            answers[item.id] = rng.randint(1, 5)
        elif item.type == "ladder":
            answers[item.id] = rng.randint(0, len(item.options) - 1)
        else:
            value = rng.uniform(item.minimum or 0.0, item.maximum or 100.0)
            answers[item.id] = round(value) if item.integer else round(value, 1)
    return answers


def test_scores_stay_in_range_for_generated_answers(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    rng = random.Random(2026)  # noqa: S311 - reproducible test data, not a secret
    bands = questionnaire.item("company.employees").option_ids
    districts = questionnaire.item("company.district").option_ids
    for _ in range(300):
        answers = _random_answers(rng, questionnaire)
        answers["strategy.transformation_strategy"] = rng.randint(0, 4)  # R needs an answer
        company = CompanyProfile(rng.choice(bands), rng.choice(districts))
        today = TODAY + timedelta(days=rng.randint(0, 2000))
        card = scored(answers, questionnaire, ruleset, company, today)
        assert 0 <= card.exposure.score <= 100
        assert 0 <= card.readiness.score <= 100
        assert 0 <= card.priority.score <= 100
        assert 0 <= card.confidence <= 1
        assert all(d.score is None or 0 <= d.score <= 100 for d in card.dimensions)
        assert len(card.top_gaps) <= 3
        assert card.assessment_class == ruleset.classes.classify(
            card.exposure.score, card.readiness.score
        )
        if card.exposure.prod >= 70:
            assert card.exposure.score >= 60
        assert all(f.programme.runs_on(today) for f in card.recommendations.funding)
        assert all(
            len(getattr(card.recommendations, name)) <= limit
            for name, limit in ruleset.recommendations.limits.items()
        )


def test_a_reweighted_ruleset_changes_scores_without_code(
    full_answers: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    weights = dict(ruleset.readiness.dimension_weights) | {"strategy": 0.35, "innovation": 0.05}
    changed = replace(ruleset, readiness=replace(ruleset.readiness, dimension_weights=weights))
    # R = 0.35·54 + 0.05·51.667 + 0.15·(43 + 26.667 + 49.667 + 53.889)
    #   = 18.9 + 2.583 + 25.983 = 47.467 → 47.5 (47.1 with the packaged weights)
    assert scored(full_answers, questionnaire, changed).readiness.score == 47.5
    assert full_answers == FULL_ANSWERS  # scoring did not modify the answers


def test_a_malformed_revenue_share_is_refused_as_invalid_not_a_crash(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    split = {"ice_fuel_injection": "50", "body_closures": 50}
    answers = {**FULL_ANSWERS, "portfolio.revenue_split": split}

    with pytest.raises(InvalidAnswers) as refused:
        scored(answers, questionnaire, ruleset)

    assert [error.item_id for error in refused.value.errors] == ["portfolio.revenue_split"]
