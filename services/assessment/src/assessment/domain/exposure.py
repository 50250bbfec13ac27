"""Exposure E: how hard the transformation hits the business (higher = more at risk).

E_prod = min(100, 100 · Σ share_i · c_i · t) - nomination_bonus, clamped to 0..100
E_cust = weighted mean of the customer items (0.35/0.25/0.20/0.10/0.10 in ruleset 2026.1)
E_press = mean of the pressure items
E = 0.60·E_prod + 0.25·E_cust + 0.15·E_press, and E ≥ 60 whenever E_prod ≥ 70
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessment.domain import ids
from assessment.domain.item_scores import Combined, answer_score, clamp, combine, round_half_up
from assessment.domain.questionnaire import Questionnaire
from assessment.domain.ruleset import Ruleset


@dataclass(frozen=True)
class ProductExposure:
    e_prod: float
    timing_factor: float  # t, after the segment multiplier
    nomination_bonus: float
    growth_share: float  # percent of revenue in growth categories
    revenue_by_class: Mapping[str, float]  # percent of revenue per exposure class


@dataclass(frozen=True)
class Exposure:
    score: float
    product: ProductExposure
    customer: Combined
    pressure: Combined
    floor_applied: bool
    confidence: float


def product_exposure(answers: Mapping[str, Any], ruleset: Ruleset) -> ProductExposure:
    rules = ruleset.exposure
    split: Mapping[str, float] = answers[ids.REVENUE_SPLIT]
    # Validation allows 100 ± 0.5; shares are taken relative to the actual total.
    total = math.fsum(split.values())
    shares = {category: percent / total for category, percent in split.items()}
    # The portfolio inputs are required items (the ruleset loader checks that).
    t = rules.timing_factors[answers[ids.CONTRACT_HORIZON]] * rules.segment_multipliers.get(
        answers[ids.MAIN_SEGMENT], 1.0
    )
    bonus = rules.nomination_bonus[answers[ids.NEW_NOMINATIONS]]
    weighted = math.fsum(share * rules.categories[c].coefficient for c, share in shares.items())
    e_prod = clamp(min(100.0, 100 * weighted * t) - bonus)
    by_class: dict[str, float] = {}
    for category, share in shares.items():
        exposure_class = rules.categories[category].exposure_class
        by_class[exposure_class] = by_class.get(exposure_class, 0.0) + 100 * share
    growth = math.fsum(100 * s for c, s in shares.items() if rules.categories[c].growth)
    return ProductExposure(
        e_prod=e_prod,
        timing_factor=t,
        nomination_bonus=bonus,
        growth_share=growth,
        revenue_by_class=by_class,
    )


def customer_exposure(
    answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> Combined:
    return combine(
        (weight, answer_score(item_id, answers, questionnaire, ruleset))
        for item_id, weight in ruleset.exposure.cust_weights.items()
    )


def pressure_exposure(
    answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> Combined:
    return combine(
        (1.0, answer_score(item_id, answers, questionnaire, ruleset))
        for item_id in ruleset.exposure.press_items
    )


def exposure(
    answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> Exposure:
    rules = ruleset.exposure
    product = product_exposure(answers, ruleset)
    customer = customer_exposure(answers, questionnaire, ruleset)
    pressure = pressure_exposure(answers, questionnaire, ruleset)
    weights = rules.part_weights
    combined = combine(
        [
            (weights["prod"], product.e_prod),
            (weights["cust"], customer.value),
            (weights["press"], pressure.value),
        ]
    )
    assert combined.value is not None  # E_prod always exists: the revenue split is mandatory
    # The floor compares the E_prod the report shows, so 69.96 (shown as 70.0) counts.
    floor_applied = (
        round_half_up(product.e_prod) >= rules.floor_from_e_prod and combined.value < rules.floor_e
    )
    return Exposure(
        score=rules.floor_e if floor_applied else combined.value,
        product=product,
        customer=customer,
        pressure=pressure,
        floor_applied=floor_applied,
        confidence=(
            weights["prod"] * 1.0
            + weights["cust"] * customer.confidence
            + weights["press"] * pressure.confidence
        )
        / math.fsum(weights.values()),
    )
