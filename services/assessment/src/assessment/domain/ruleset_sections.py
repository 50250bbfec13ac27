"""Reading the sections of a ruleset: exposure, readiness, levels, classes, gaps and
recommendation rules (the catalogue itself is read by catalogue.py)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any

from assessment.domain import ids
from assessment.domain.catalogue import CATALOGUE_LISTS
from assessment.domain.eligibility import read_eligibility_rules
from assessment.domain.questionnaire import Condition, Questionnaire
from assessment.domain.reading import Node
from assessment.domain.ruleset import (
    CLASS_IDS,
    EXPOSURE_PARTS,
    Classes,
    ClassRule,
    DistressRule,
    EconomyRule,
    ExposureRules,
    ItemRule,
    Level,
    ReadinessRules,
    RecommendationRules,
    RevenueCategory,
    Scale,
    TimePressureRule,
    TopGapRules,
)

_WEIGHT_TOLERANCE = 1e-6


def _weights(node: Node, keys: Collection[str] | None, *, sum_to_one: bool) -> Mapping[str, float]:
    """Weights 0..1 per key; keys=None accepts any keys (checked by the caller)."""
    if keys is not None:
        node.fields(required=keys)
    weights = {key: value.number(0, 1) for key, value in node.entries()}
    if sum_to_one and abs(math.fsum(weights.values()) - 1) > _WEIGHT_TOLERANCE:
        node.fail(f"sum to {math.fsum(weights.values()):g}, not 1")
    return MappingProxyType(weights)


def _scored_items(node: Node, rules: Mapping[str, ItemRule], dimensions: Collection[str]) -> None:
    for item_id, value in node.entries():
        if item_id not in rules:
            value.fail("has no rule in item_scores")
        if item_id.split(".")[0] not in dimensions:
            value.fail(f"is not an item of {', '.join(dimensions)}")


def read_exposure(
    node: Node, questionnaire: Questionnaire, rules: dict[str, ItemRule]
) -> ExposureRules:
    node.fields(
        required=(
            "part_weights",
            "floor",
            "revenue_categories",
            "timing_factors",
            "segment_timing_multipliers",
            "nomination_bonus",
            "cust_weights",
            "press_items",
        ),
        optional=("time_pressure_from_t", "time_pressure", "economy", "distress"),
    )

    def options(item_id: str) -> tuple[str, ...]:
        return questionnaire.item(item_id).option_ids

    categories = {}
    category_node = node.get("revenue_categories").fields(required=options(ids.REVENUE_SPLIT))
    for category_id, entry in category_node.entries():
        entry.fields(required=("c", "class", "growth"))
        categories[category_id] = RevenueCategory(
            id=category_id,
            coefficient=entry.get("c").number(0, 2),
            growth=entry.get("growth").boolean(),
            exposure_class=entry.get("class").identifier(),
        )
    floor = node.get("floor").fields(required=("from_e_prod", "e_at_least"))
    cust = node.get("cust_weights")
    _scored_items(cust, rules, [ids.MARKET])
    press = node.get("press_items")
    press_items = tuple(entry.item_id() for entry in press.elements(min_length=1))
    for entry, item_id in zip(press.elements(), press_items, strict=True):
        if item_id not in rules:
            entry.fail("has no rule in item_scores")
    multipliers = node.get("segment_timing_multipliers")
    multipliers.fields(required=(), optional=options(ids.MAIN_SEGMENT))
    economy = node.maybe("economy")
    distress = node.maybe("distress")
    from_t, time_pressure = node.maybe("time_pressure_from_t"), node.maybe("time_pressure")
    if (from_t is None) == (time_pressure is None):
        node.fail("needs exactly one of time_pressure_from_t and time_pressure")
    return ExposureRules(
        part_weights=_weights(node.get("part_weights"), EXPOSURE_PARTS, sum_to_one=True),
        floor_from_e_prod=floor.get("from_e_prod").number(0, 100),
        floor_e=floor.get("e_at_least").number(0, 100),
        categories=MappingProxyType(categories),
        timing_factors=_factors(node.get("timing_factors"), options(ids.CONTRACT_HORIZON), 2),
        segment_multipliers=_factors(multipliers, None, 2),
        nomination_bonus=_factors(node.get("nomination_bonus"), options(ids.NEW_NOMINATIONS), 100),
        cust_weights=_weights(cust, None, sum_to_one=True),
        press_items=press_items,
        time_pressure_from_t=from_t.number(0, 2) if from_t else None,
        time_pressure=_time_pressure(time_pressure, questionnaire) if time_pressure else None,
        economy=_economy(economy, rules) if economy else None,
        distress=_distress(distress, questionnaire) if distress else None,
    )


def _time_pressure(node: Node, questionnaire: Questionnaire) -> TimePressureRule:
    node.fields(required=("horizons", "from_c", "min_share"))
    horizons = questionnaire.item(ids.CONTRACT_HORIZON).option_ids
    return TimePressureRule(
        horizons=tuple(entry.one_of(horizons) for entry in node.get("horizons").elements()),
        from_c=node.get("from_c").number(0, 2),
        min_share=node.get("min_share").number(0, 100),
    )


def _economy(node: Node, rules: dict[str, ItemRule]) -> EconomyRule:
    node.fields(required=("item_weights", "pull"))
    weights = node.get("item_weights")
    _scored_items(weights, rules, [ids.MARKET])
    return EconomyRule(
        item_weights=_weights(weights, None, sum_to_one=True),
        pull=node.get("pull").number(0, 1),
    )


def _distress(node: Node, questionnaire: Questionnaire) -> DistressRule:
    node.fields(required=("all_of", "any_of", "e_at_least"))

    def conditions(key: str) -> tuple[Condition, ...]:
        found = []
        for entry in node.get(key).elements(min_length=1):
            entry.fields(required=("item", "any_of"))
            item_id = entry.get("item").item_id()
            if not questionnaire.has_item(item_id) or questionnaire.item(item_id).type not in (
                "single",
                "band",
            ):
                entry.get("item").fail("is not a single-choice item of the questionnaire")
            options = questionnaire.item(item_id).option_ids
            any_of = tuple(
                option.one_of(options) for option in entry.get("any_of").elements(min_length=1)
            )
            found.append(Condition(item=item_id, any_of=any_of))
        return tuple(found)

    return DistressRule(
        all_of=conditions("all_of"),
        any_of=conditions("any_of"),
        e_at_least=node.get("e_at_least").number(0, 100),
    )


def _factors(node: Node, keys: Collection[str] | None, maximum: float) -> Mapping[str, float]:
    if keys is not None:
        node.fields(required=keys)
    return MappingProxyType({key: value.number(0, maximum) for key, value in node.entries()})


def read_readiness(
    node: Node, questionnaire: Questionnaire, rules: dict[str, ItemRule]
) -> ReadinessRules:
    node.fields(required=("dimension_weights", "item_weights", "critical_below"))
    dimensions = [d.id for d in questionnaire.dimensions_of("readiness")]
    item_weights = {}
    per_dimension = node.get("item_weights").fields(required=dimensions)
    for dimension, weights in per_dimension.entries():
        _scored_items(weights, rules, [dimension])
        item_weights[dimension] = _weights(weights, None, sum_to_one=False)
        if not any(item_weights[dimension].values()):
            weights.fail("give no item a weight above 0")
    return ReadinessRules(
        dimension_weights=_weights(node.get("dimension_weights"), dimensions, sum_to_one=True),
        item_weights=MappingProxyType(item_weights),
        critical_below=node.get("critical_below").number(0, 100),
    )


def read_scale(node: Node) -> Scale:
    levels: list[Level] = []
    for entry in node.elements(min_length=2):
        entry.fields(required=("id", "from", "name"))
        level = Level(
            id=entry.get("id").identifier(),
            minimum=entry.get("from").number(0, 100),
            name=entry.get("name").localized(100),
        )
        if not levels and level.minimum != 0:
            entry.get("from").fail("of the lowest level must be 0")
        if levels and level.minimum <= levels[-1].minimum:
            entry.get("from").fail(f"{level.minimum:g} does not rise above {levels[-1].minimum:g}")
        if any(level.id == earlier.id for earlier in levels):
            entry.get("id").fail(f"repeats {level.id!r}")
        levels.append(level)
    return Scale(levels=tuple(levels))


def read_level_texts(
    node: Node, questionnaire: Questionnaire, readiness: Scale, exposure: Scale
) -> Mapping[str, Mapping[str, Any]]:
    scales = {"readiness": readiness, "exposure": exposure}
    for dimension in questionnaire.dimensions:
        if dimension.kind != "profile":
            scales[dimension.id] = scales[dimension.kind]
    node.fields(required=scales)
    texts = {}
    for subject, entry in node.entries():
        entry.fields(required=scales[subject].ids)
        texts[subject] = MappingProxyType(
            {level: text.localized(1000) for level, text in entry.entries()}
        )
    return MappingProxyType(texts)


def read_classes(node: Node) -> Classes:
    node.fields(required=("exposure_from", "readiness_from", "texts"))
    texts = node.get("texts").fields(required=CLASS_IDS)
    return Classes(
        exposure_from=node.get("exposure_from").number(0, 100),
        readiness_from=node.get("readiness_from").number(0, 100),
        rules=MappingProxyType(
            {
                class_id: ClassRule(
                    id=class_id,
                    name=entry.fields(required=("name", "text")).get("name").localized(100),
                    text=entry.get("text").localized(1000),
                )
                for class_id, entry in texts.entries()
            }
        ),
    )


def read_top_gaps(node: Node) -> TopGapRules:
    node.fields(required=("count", "readiness_below", "portfolio_from_e_prod", "portfolio_weight"))
    return TopGapRules(
        count=node.get("count").integer(1, 8),
        readiness_below=node.get("readiness_below").number(0, 100),
        portfolio_from_e_prod=node.get("portfolio_from_e_prod").number(0, 100),
        portfolio_weight=node.get("portfolio_weight").number(0, 1),
    )


def read_recommendations(node: Node, questionnaire: Questionnaire) -> RecommendationRules:
    node.fields(
        required=(
            "market_from_e_cust",
            "limits",
            "non_bavarian_districts",
            "funding_ending_within_days",
            "project_size",
        ),
        optional=("eligibility", "new_business_field_from_e_prod"),
    )
    limits = node.get("limits").fields(required=CATALOGUE_LISTS)
    eligibility = node.maybe("eligibility")
    # With the size ranges of `eligibility` the estimate starts at the band's lower bound;
    # without them (2026.1) it takes the top of the band.
    size = node.get("project_size").fields(
        required=("investment_item", "years"),
        optional=() if eligibility else ("revenue_band_max_eur",),
    )
    bands = size.get("revenue_band_max_eur") if not eligibility else None
    if bands:
        bands.fields(required=(), optional=questionnaire.item(ids.REVENUE_BAND).option_ids)
    investment = size.get("investment_item")
    if not questionnaire.has_item(investment.item_id()) or (
        questionnaire.item(investment.value).type != "number"
    ):
        investment.fail("is not a number item of the questionnaire")
    districts = questionnaire.item(ids.DISTRICT).option_ids
    return RecommendationRules(
        market_from_e_cust=node.get("market_from_e_cust").number(0, 100),
        # The event carries at most 20 entries per list.
        limits=MappingProxyType({key: value.integer(1, 20) for key, value in limits.entries()}),
        non_bavarian_districts=tuple(
            entry.one_of(districts) for entry in node.get("non_bavarian_districts").elements()
        ),
        funding_ending_within_days=node.get("funding_ending_within_days").integer(0, 365),
        revenue_band_max_eur=MappingProxyType(
            {band: value.number(0) for band, value in bands.entries()} if bands else {}
        ),
        investment_item=investment.value,
        investment_years=size.get("years").number(0, 10),
        eligibility=(
            read_eligibility_rules(
                eligibility,
                {item.id: item.option_ids for item in questionnaire.items},
                [item.id for item in questionnaire.items],
            )
            if eligibility
            else None
        ),
        new_business_field_from_e_prod=(
            node.get("new_business_field_from_e_prod").number(0, 100)
            if node.maybe("new_business_field_from_e_prod")
            else None
        ),
    )
