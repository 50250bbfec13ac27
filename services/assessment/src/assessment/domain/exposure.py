"""Exposure E: how hard the transformation hits the business (higher = more at risk).

E_prod = min(100, 100 · Σ share_i · c_i · t) - nomination_bonus, clamped to 0..100
E_cust = weighted mean of the customer items (0.35/0.25/0.20/0.10/0.10 in ruleset 2026.1)
E_press = mean of the pressure items
E = 0.60·E_prod + 0.25·E_cust + 0.15·E_press, and E ≥ 60 whenever E_prod ≥ 70

From ruleset 2026.2 the economic situation (E_econ, weighted mean of the economic items)
pulls E up when it is worse (see EconomyRule), and a firm in distress (a loss with thin
equity or sharply falling revenue) gets E ≥ 60, whatever its portfolio: distress hits a
drive-independent firm as well.
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
    # Percent of revenue in categories the time-pressure rule counts as ICE-specific;
    # None when the ruleset has no such rule (up to 2026.1).
    ice_share: float | None


@dataclass(frozen=True)
class Exposure:
    score: float
    product: ProductExposure
    customer: Combined
    pressure: Combined
    economy: Combined | None  # E_econ; None when the ruleset does not score it (up to 2026.1)
    floor_applied: bool  # E was raised because E_prod is high
    distress: bool  # the distress rule holds; E is at least its floor
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
    ice_share = None
    if rules.time_pressure is not None:
        from_c = rules.time_pressure.from_c
        ice_share = math.fsum(
            100 * s for c, s in shares.items() if rules.categories[c].coefficient >= from_c
        )
    return ProductExposure(
        e_prod=e_prod,
        timing_factor=t,
        nomination_bonus=bonus,
        growth_share=growth,
        revenue_by_class=by_class,
        ice_share=ice_share,
    )


def time_pressure(horizon: str, product: ProductExposure, ruleset: Ruleset) -> bool:
    """Whether the main contracts leave little time: the ruleset's rule, on shown numbers."""
    rules = ruleset.exposure
    if rules.time_pressure is None or product.ice_share is None:
        assert rules.time_pressure_from_t is not None  # the loader demands one of the two
        return round(product.timing_factor, 3) >= rules.time_pressure_from_t
    return rules.time_pressure.holds(horizon, round_half_up(product.ice_share))


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


def economy_exposure(
    answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> Combined | None:
    rule = ruleset.exposure.economy
    if rule is None:
        return None
    return combine(
        (weight, answer_score(item_id, answers, questionnaire, ruleset))
        for item_id, weight in rule.item_weights.items()
    )


def exposure(
    answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> Exposure:
    rules = ruleset.exposure
    product = product_exposure(answers, ruleset)
    customer = customer_exposure(answers, questionnaire, ruleset)
    pressure = pressure_exposure(answers, questionnaire, ruleset)
    economy = economy_exposure(answers, questionnaire, ruleset)
    weights = rules.part_weights
    combined = combine(
        [
            (weights["prod"], product.e_prod),
            (weights["cust"], customer.value),
            (weights["press"], pressure.value),
        ]
    )
    assert combined.value is not None  # E_prod always exists: the revenue split is mandatory
    e = combined.value
    if rules.economy is not None and economy is not None:
        e = rules.economy.apply(e, economy.value)
    # The floor compares the E_prod the report shows, so 69.96 (shown as 70.0) counts.
    floor_applied = round_half_up(product.e_prod) >= rules.floor_from_e_prod and e < rules.floor_e
    floors = [rules.floor_e] if floor_applied else []
    distress = False
    if rules.distress is not None and rules.distress.holds(answers):
        distress = True
        floors.append(rules.distress.e_at_least)
    return Exposure(
        score=max([e, *floors]),
        product=product,
        customer=customer,
        pressure=pressure,
        economy=economy,
        floor_applied=floor_applied,
        distress=distress,
        # The economic items only ever raise E, so they do not count towards its confidence.
        confidence=(
            weights["prod"] * 1.0
            + weights["cust"] * customer.confidence
            + weights["press"] * pressure.confidence
        )
        / math.fsum(weights.values()),
    )
