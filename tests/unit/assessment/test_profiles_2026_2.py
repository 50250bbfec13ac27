# ruff: noqa: RUF002, RUF003 - the methodology's "·" and "–" in the arithmetic.
"""Ruleset 2026.2 on hand-built supplier profiles (methodology, "Ruleset 2026.2").

Each profile is written out with its answers and the class it must get; the comments
compute E by hand from the methodology and the numbers of ruleset 2026.2:

  E₀ = 0.60·E_prod + 0.25·E_cust + 0.15·E_press           (as in 2026.1)
  E_econ = 0.4·revenue_trend + 0.3·capacity_utilisation + 0.3·order_backlog
  E = E₀ + 0.35·(E_econ − E₀) when E_econ > E₀, else E₀  (a good year never lowers E)
  E ≥ 60 when E_prod ≥ 70, and when in distress (EBIT < 0 and: equity < 15 % or revenue
  fallen sharply)
  time pressure: horizon before 2027 or 2027–2029, and ≥ 20 % of revenue in categories
  with c ≥ 0.7

Readiness is answered so that every answered item scores the same (25 or 75): each
dimension, and R, is then that score whatever the item and dimension weights.
"""

from __future__ import annotations

import math
from dataclasses import replace
from types import MappingProxyType
from typing import Any

import pytest
from assessment_answer_sets import TODAY

from assessment.domain import (
    CompanyProfile,
    InvalidAnswers,
    Questionnaire,
    Ruleset,
    ids,
    load_version,
    score,
)
from assessment.domain.exposure import product_exposure
from assessment.domain.scorecard import ScoreCard


@pytest.fixture(scope="module")
def packaged() -> tuple[Questionnaire, Ruleset]:
    return load_version("2026.2")


def employee_band(questionnaire: Questionnaire, employees: int) -> str:
    """The option of company.employees that holds the head count ("lt50", "50_249", "ge1000")."""
    for band in questionnaire.item(ids.EMPLOYEES).option_ids:
        if band.startswith("lt"):
            low, high = 0.0, float(band[2:]) - 1
        elif band.startswith("ge"):
            low, high = float(band[2:]), math.inf
        else:
            low, high = (float(bound) for bound in band.split("_"))
        if low <= employees <= high:
            return band
    raise AssertionError(f"no employee band holds {employees}")


def scored(
    answers: dict[str, Any], packaged: tuple[Questionnaire, Ruleset], employees: int = 120
) -> ScoreCard:
    questionnaire, ruleset = packaged
    company = CompanyProfile(
        employees=employee_band(questionnaire, employees), district="bamberg_land"
    )
    return score(answers, questionnaire, ruleset, today=TODAY, company=company)


# Every answered readiness item scores 25: each dimension is 25, so R = 25.
WEAK: dict[str, Any] = {
    "strategy.transformation_strategy": 1,  # 1/4·100
    "strategy.fade_out_plan": 2,  # (2-1)/4·100
    "innovation.rd_intensity": "lt1",  # 25
    "innovation.engineering_share": 3.75,  # 3.75/15·100
    "digital.kpi_driven": 2,
    "energy.carbon_accounting": 1,  # 1/4·100
    "workforce.training_days": 1.25,  # 1.25/5·100
    "workforce.employee_involvement": 2,
    "finance.planned_investment": 1.25,  # 1.25/5·100
    "finance.bank_access": 2,
}
# Every answered readiness item scores 75: R = 75.
STRONG: dict[str, Any] = {
    "strategy.transformation_strategy": 3,
    "strategy.fade_out_plan": 4,
    "innovation.rd_intensity": "3_5",
    "innovation.engineering_share": 11.25,
    "digital.kpi_driven": 4,
    "energy.carbon_accounting": 3,
    "workforce.training_days": 3.75,
    "workforce.employee_involvement": 4,
    "finance.planned_investment": 3.75,
    "finance.bank_access": 4,
}

ECONOMY = ("market.revenue_trend", "market.capacity_utilisation", "market.order_backlog")
# E_econ = 0.4·30 + 0.3·30 + 0.3·25 = 28.5: a normal year.
NORMAL_YEAR: dict[str, Any] = {
    "market.revenue_trend": "stable",  # 30
    "market.capacity_utilisation": "70_85",  # 30
    "market.order_backlog": "3_6_months",  # 25
}

TURNED_PARTS_40 = (
    {
        # E_prod = 100 · (0.70·1.0 + 0.30·0.0) · t 1.1 = 77.0 (≥ 70: E ≥ 60)
        "portfolio.revenue_split": {"ice_fuel_injection": 70, "non_automotive": 30},
        "portfolio.contract_horizon": "2027_2029",  # t = 1.1
        "portfolio.new_nominations": "none",
        "portfolio.core_technologies": ["machining"],
        "portfolio.main_segment": "passenger_cars",
        # E_cust = 0.35·100 + 0.25·70 + 0.20·100 + 0.10·60 + 0.10·75 = 86.0
        "market.top_customer_share": 60,  # one dominant customer: ≥ 50 → 100
        "market.automotive_share": 70,
        "market.customers_over_5pct": 1,  # 100
        "market.supply_chain_tier": "tier2",  # 60
        "market.price_pressure": 4,  # 75
        # E_press = (40 + 50 + 70) / 3 = 53.333
        "energy.customer_requirements": "occasional",  # 40
        "energy.energy_cost_share": 5,  # 50
        "workforce.ice_specific_share": 70,
    }
    | NORMAL_YEAR
    | WEAK
)
# E₀ = 0.60·77 + 0.25·86 + 0.15·53.333 = 46.2 + 21.5 + 8.0 = 75.7; E_econ 28.5 < 75.7: E = 75.7
# R = 25 < 50, E ≥ 50: class A. ICE share 70 % ≥ 20 %, horizon 2027–2029: time pressure.


def test_a_turned_parts_maker_living_on_injection_parts_is_class_a(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    card = scored(TURNED_PARTS_40, packaged, employees=40)
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (77.0, 86.0, 53.3)
    assert (card.economy, card.exposure.score, card.readiness.score) == (28.5, 75.7, 25.0)
    assert card.assessment_class.id == "A"
    assert (card.time_pressure, card.distress, card.exposure.floor_applied) == (True, False, False)


PLASTICS_TIER1_300 = {
    # E_prod = 100 · (0.20·1.0 + 0.50·0.2 + 0.30·0.2) · t 1.0 = 36.0
    "portfolio.revenue_split": {
        "ice_fuel_ignition_control": 20,  # plastic fuel tanks: the 20 % ICE share
        "lighting_glazing_exterior": 50,
        "seats_interior_hmi": 30,
    },
    "portfolio.contract_horizon": "2030_2032",  # t = 1.0
    "portfolio.new_nominations": "none",
    "portfolio.core_technologies": ["injection_moulding"],
    "portfolio.main_segment": "passenger_cars",
    # E_cust = 0.35·60 + 0.25·90 + 0.20·40 + 0.10·40 + 0.10·75 = 63.0
    "market.top_customer_share": 30,  # 60
    "market.automotive_share": 90,
    "market.customers_over_5pct": 4,  # 100 - 3·20 = 40
    "market.supply_chain_tier": "tier1",  # 40
    "market.price_pressure": 4,  # 75
    # E_press = (70 + 40 + 20) / 3 = 43.333
    "energy.customer_requirements": "regular",  # 70
    "energy.energy_cost_share": 4,  # 40
    "workforce.ice_specific_share": 20,
    # E_econ = 0.4·70 + 0.3·70 + 0.3·60 = 67.0
    "market.revenue_trend": "falling",  # 70
    "market.capacity_utilisation": "below_70",  # 70
    "market.order_backlog": "1_3_months",  # 60
} | STRONG
# E₀ = 0.60·36 + 0.25·63 + 0.15·43.333 = 21.6 + 15.75 + 6.5 = 43.85: class D in 2026.1.
# E = 43.85 + 0.35·(67 − 43.85) = 43.85 + 8.1025 = 51.9525 → 52.0 ≥ 50; R = 75: class B.


def test_a_plastics_tier1_with_falling_revenue_is_not_d(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    card = scored(PLASTICS_TIER1_300, packaged, employees=300)
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (36.0, 63.0, 43.3)
    assert (card.economy, card.exposure.score, card.readiness.score) == (67.0, 52.0, 75.0)
    assert card.assessment_class.id == "B"
    assert (card.time_pressure, card.distress) == (False, False)


EV_CHARGER_ELECTRONICS_15 = {
    # E_prod = 100 · (0.60·0.0 + 0.40·0.0) · t 1.1 − bonus 10 = −10, clamped to 0
    "portfolio.revenue_split": {"charging_lightweight_recycling": 60, "power_electronics_hv": 40},
    "portfolio.contract_horizon": "unknown",  # t = 1.1, but not a known horizon
    "portfolio.new_nominations": "first_nomination",  # bonus 10
    "portfolio.core_technologies": ["electronics_manufacturing"],
    "portfolio.main_segment": "passenger_cars",
    # E_cust = 0.35·80 + 0.25·60 + 0.20·60 + 0.10·60 + 0.10·50 = 66.0
    "market.top_customer_share": 40,  # 80
    "market.automotive_share": 60,
    "market.customers_over_5pct": 3,  # 100 - 2·20 = 60
    "market.supply_chain_tier": "tier2",  # 60
    "market.price_pressure": 3,  # 50
    # E_press = (40 + 20 + 0) / 3 = 20.0
    "energy.customer_requirements": "occasional",  # 40
    "energy.energy_cost_share": 2,  # 20
    "workforce.ice_specific_share": 0,
    # E_econ = 0.4·10 + 0.3·0 + 0.3·25 = 11.5
    "market.revenue_trend": "rising",  # 10
    "market.capacity_utilisation": "above_85",  # 0
    "market.order_backlog": "3_6_months",  # 25
} | STRONG
# E₀ = 0 + 0.25·66 + 0.15·20 = 19.5; E_econ 11.5 < 19.5: E = 19.5; R = 75: class D.
# Horizon unknown: no time pressure (2026.1 set it, t = 1.1).


def test_an_ev_charger_electronics_firm_with_unknown_horizon_is_d_without_time_pressure(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    card = scored(EV_CHARGER_ELECTRONICS_15, packaged, employees=15)
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (0.0, 66.0, 20.0)
    assert (card.economy, card.exposure.score, card.readiness.score) == (11.5, 19.5, 75.0)
    assert card.assessment_class.id == "D"
    assert (card.time_pressure, card.timing_factor, card.distress) == (False, 1.1, False)


SEAT_MECHATRONICS_600 = (
    {
        # E_prod = 100 · (0.80·0.2 + 0.20·0.2) · t 1.0 = 20.0
        "portfolio.revenue_split": {"seats_interior_hmi": 80, "body_closures": 20},
        "portfolio.contract_horizon": "2030_2032",
        "portfolio.new_nominations": "none",
        "portfolio.core_technologies": ["assembly_testing", "electronics_manufacturing"],
        "portfolio.main_segment": "passenger_cars",
        # E_cust = 0.35·70 + 0.25·95 + 0.20·60 + 0.10·40 + 0.10·100 = 74.25
        "market.top_customer_share": 35,  # 70
        "market.automotive_share": 95,
        "market.customers_over_5pct": 3,  # 60
        "market.supply_chain_tier": "tier1",  # 40
        "market.price_pressure": 5,  # 100
        # E_press = (100 + 30 + 10) / 3 = 46.667
        "energy.customer_requirements": "contractual",  # 100
        "energy.energy_cost_share": 3,  # 30
        "workforce.ice_specific_share": 10,
        # E_econ = 0.4·100 + 0.3·100 + 0.3·100 = 100
        "market.revenue_trend": "strongly_falling",
        "market.capacity_utilisation": "short_time_work",
        "market.order_backlog": "lt1_month",
    }
    | STRONG
    | {
        # Distress: EBIT < 0 and equity < 15 % (and revenue fallen sharply).
        "finance.ebit_margin": "lt0",  # 0
        "finance.equity_ratio": "lt15",  # 0
    }
)
# E₀ = 0.60·20 + 0.25·74.25 + 0.15·46.667 = 12 + 18.5625 + 7.0 = 37.5625 (class C or D in 2026.1)
# E = 37.5625 + 0.35·(100 − 37.5625) = 59.415625; distress lifts it to 60.0.
# finance = (0 + 0 + 75 + 75) / 4 = 37.5; R = 0.85·75 + 0.15·37.5 = 69.375 → 69.4: class B.


def test_a_loss_making_seat_tier1_with_thin_equity_is_lifted_to_b_by_the_distress_floor(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    card = scored(SEAT_MECHATRONICS_600, packaged, employees=600)
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (20.0, 74.3, 46.7)
    assert (card.economy, card.exposure.score, card.readiness.score) == (100.0, 60.0, 69.4)
    assert card.assessment_class.id == "B"
    assert (card.distress, card.exposure.floor_applied, card.time_pressure) == (True, False, False)


TRUCK_GEARS_120 = (
    {
        # t = 1.1 (2027–2029) · 0.8 (commercial vehicles) = 0.88
        # E_prod = 100 · (0.60·0.75 + 0.25·0.2 + 0.15·0.0) · 0.88 = 100 · 0.5 · 0.88 = 44.0
        "portfolio.revenue_split": {
            "transmission_clutch": 60,
            "chassis_steering_axles": 25,
            "non_automotive": 15,
        },
        "portfolio.contract_horizon": "2027_2029",
        "portfolio.new_nominations": "none",
        "portfolio.core_technologies": ["machining"],
        "portfolio.main_segment": "commercial_vehicles",
        # E_cust = 0.35·60 + 0.25·85 + 0.20·40 + 0.10·60 + 0.10·75 = 63.75
        "market.top_customer_share": 30,  # 60
        "market.automotive_share": 85,
        "market.customers_over_5pct": 4,  # 40
        "market.supply_chain_tier": "tier2",  # 60
        "market.price_pressure": 4,  # 75
        # E_press = (70 + 50 + 60) / 3 = 60.0
        "energy.customer_requirements": "regular",  # 70
        "energy.energy_cost_share": 5,  # 50
        "workforce.ice_specific_share": 60,
    }
    | NORMAL_YEAR
    | WEAK
)
# E₀ = 0.60·44 + 0.25·63.75 + 0.15·60 = 26.4 + 15.9375 + 9.0 = 51.3375 → 51.3; E_econ 28.5:
# no pull. R = 25: class A. Time pressure: 2027–2029 and 60 % of revenue at c 0.75 ≥ 0.7
# (2026.1 compared t 0.88 with 1.1 and never set it for trucks).


def test_a_truck_gear_maker_with_contracts_ending_2027_to_2029_has_time_pressure(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    card = scored(TRUCK_GEARS_120, packaged, employees=120)
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (44.0, 63.8, 60.0)
    assert (card.timing_factor, card.exposure.score, card.assessment_class.id) == (0.88, 51.3, "A")
    assert card.time_pressure is True


# -- the bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ebit", "equity", "trend", "distress"),
    [
        ("lt0", "lt15", "stable", True),  # a loss and equity below 15 %
        ("lt0", "15_30", "stable", False),  # equity of exactly 15 % is not below 15 %
        ("lt0", "15_30", "strongly_falling", True),  # a loss and revenue fallen sharply
        ("lt0", "15_30", "falling", False),  # fallen, but not sharply
        ("0_3", "lt15", "strongly_falling", False),  # no loss: no distress
        (None, "lt15", "strongly_falling", False),  # EBIT not known: distress is not guessed
    ],
)
def test_distress_needs_a_loss_and_thin_equity_or_sharply_falling_revenue(
    packaged: tuple[Questionnaire, Ruleset],
    ebit: str | None,
    equity: str,
    trend: str,
    distress: bool,
) -> None:
    # The truck gear maker (E₀ = 51.3375, utilisation and backlog of a normal year) stays
    # below 60 without distress: at worst, revenue fallen sharply, E_econ = 0.4·100 + 9 + 7.5
    # = 56.5 pulls E to 51.3375 + 0.35·5.1625 = 53.1. With distress E is 60.0.
    answers = TRUCK_GEARS_120 | {
        "finance.ebit_margin": ebit,
        "finance.equity_ratio": equity,
        "market.revenue_trend": trend,
    }
    card = scored(answers, packaged)
    assert card.distress is distress
    assert (card.exposure.score >= 60.0) is distress


def test_the_distress_floor_only_raises_e(packaged: tuple[Questionnaire, Ruleset]) -> None:
    # The turned-parts maker in distress keeps its E of 75.7: the floor is "at least 60".
    answers = TURNED_PARTS_40 | {"finance.ebit_margin": "lt0", "finance.equity_ratio": "lt15"}
    card = scored(answers, packaged, employees=40)
    assert (card.distress, card.exposure.score) == (True, 75.7)


def test_a_good_year_does_not_lower_e_and_a_bad_one_pulls_it_up(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    # E₀ = 75.7 (turned-parts maker). E_econ 0 leaves it; E_econ 100 pulls it by 0.35:
    # 75.7 + 0.35·(100 − 75.7) = 75.7 + 8.505 = 84.205 → 84.2.
    best = dict(zip(ECONOMY, ("strongly_rising", "above_85", "gt6_months"), strict=True))
    worst = dict(zip(ECONOMY, ("strongly_falling", "short_time_work", "lt1_month"), strict=True))
    assert scored(TURNED_PARTS_40 | best, packaged).exposure.score == 75.7
    assert scored(TURNED_PARTS_40 | worst, packaged).exposure.score == 84.2


def test_unanswered_economic_items_leave_e_as_it_is(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    # Without E_econ the plastics Tier-1 has E₀ = 43.85 → 43.9: the economy is never guessed.
    answers = PLASTICS_TIER1_300 | dict.fromkeys(ECONOMY)
    card = scored(answers, packaged)
    assert (card.economy, card.exposure.score) == (None, 43.9)


@pytest.mark.parametrize(
    ("split", "flag"),
    [
        # 20 % in categories with c ≥ 0.7 is material (inclusive) ...
        ({"transmission_clutch": 20, "body_closures": 80}, True),
        # ... 19.9 % is not
        ({"transmission_clutch": 19.9, "body_closures": 80.1}, False),
        # categories at c 0.45 do not count however large their share
        ({"hybrid_transition": 100}, False),
        # nor the new ones at c 0.5
        ({"automotive_end_use_unknown": 100}, False),
    ],
)
def test_time_pressure_needs_a_material_ice_specific_share(
    packaged: tuple[Questionnaire, Ruleset], split: dict[str, float], flag: bool
) -> None:
    answers = TRUCK_GEARS_120 | {"portfolio.revenue_split": split}
    assert scored(answers, packaged).time_pressure is flag


@pytest.mark.parametrize(
    ("horizon", "timing_factor", "flag"),
    [
        ("before_2027", 1.2, True),
        ("2027_2029", 1.1, True),
        ("2030_2032", 1.0, False),
        ("after_2032", 0.9, False),
        ("call_off", 1.1, False),  # no contract that ends: its own wording, not the flag
        ("unknown", 1.1, False),  # not known: its own wording, not the flag
    ],
)
def test_time_pressure_needs_a_known_horizon_before_2030(
    packaged: tuple[Questionnaire, Ruleset], horizon: str, timing_factor: float, flag: bool
) -> None:
    # Passenger cars (no segment multiplier) and 70 % injection parts.
    card = scored(TURNED_PARTS_40 | {"portfolio.contract_horizon": horizon}, packaged)
    assert (card.timing_factor, card.time_pressure) == (timing_factor, flag)


@pytest.mark.parametrize(("c", "share"), [(0.7, 60.0), (0.69, 0.0)])
def test_a_category_counts_as_ice_specific_from_c_0_7(
    packaged: tuple[Questionnaire, Ruleset], c: float, share: float
) -> None:
    # 2026.2 has no category at exactly 0.7: move transmission_clutch (60 % here) there.
    _, ruleset = packaged
    categories = dict(ruleset.exposure.categories)
    categories["transmission_clutch"] = replace(categories["transmission_clutch"], coefficient=c)
    exposure = replace(ruleset.exposure, categories=MappingProxyType(categories))
    product = product_exposure(TRUCK_GEARS_120, replace(ruleset, exposure=exposure))
    assert product.ice_share == share


@pytest.mark.parametrize(
    "category",
    ["automotive_tooling_moulds", "automotive_production_equipment", "automotive_end_use_unknown"],
)
def test_the_new_categories_weigh_half(
    packaged: tuple[Questionnaire, Ruleset], category: str
) -> None:
    # E_prod = 100 · 1.0·0.5 · t 1.0 (2030–2032) = 50.0
    answers = TURNED_PARTS_40 | {
        "portfolio.revenue_split": {category: 100},
        "portfolio.contract_horizon": "2030_2032",
    }
    card = scored(answers, packaged)
    assert card.exposure.prod == 50.0
    assert card.exposure_profile.revenue_by_class == {"automotive_indirect": 100.0}
    assert card.growth_share == 0.0


@pytest.mark.parametrize(
    ("item_id", "value"),
    [
        ("market.capacity_utilisation", "full"),
        ("market.order_backlog", 3),
        ("portfolio.contract_horizon", "call_offs"),
    ],
)
def test_a_bad_answer_to_a_new_item_names_the_item(
    packaged: tuple[Questionnaire, Ruleset], item_id: str, value: Any
) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        scored(TURNED_PARTS_40 | {item_id: value}, packaged)
    assert [error.item_id for error in raised.value.errors] == [item_id]
