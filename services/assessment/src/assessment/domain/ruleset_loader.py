"""Building a Ruleset from its JSON data, checked entry by entry against the questionnaire.

Every scored item needs a rule that fits its type, every option a score, every weight set
sums to 1, and every questionnaire item has exactly one role, so an item added to the
questionnaire but forgotten in the ruleset stops the start-up instead of scoring nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from assessment.domain import ids
from assessment.domain.catalogue import CatalogueContext, read_catalogue
from assessment.domain.questionnaire import Item, Questionnaire
from assessment.domain.reading import Node, RulesetError, languages_from
from assessment.domain.ruleset import (
    CLASS_IDS,
    RULE_FOR_TYPE,
    RULE_KINDS,
    ExposureRules,
    ItemRule,
    ReadinessRules,
    RecommendationRules,
    Ruleset,
)
from assessment.domain.ruleset_sections import (
    read_classes,
    read_exposure,
    read_level_texts,
    read_readiness,
    read_recommendations,
    read_scale,
    read_top_gaps,
)

# Every text in German, English and Dutch from this version on; 2026.1 has no Dutch, and its
# texts read in German to a Dutch reader.
DUTCH_SINCE = (2026, 2)

_SECTIONS = (
    "version", "questionnaire_version", "item_scores", "exposure", "readiness", "context_items",
    "levels", "level_texts", "classes", "priority", "top_gaps", "recommendations", "catalogue",
)  # fmt: skip


def load_ruleset(data: Any, questionnaire: Questionnaire) -> Ruleset:
    """Build the ruleset; raise RulesetError naming the first bad entry."""
    version = data.get("version") if isinstance(data, dict) else None
    root = Node(
        data, f"ruleset {version}", RulesetError, languages=languages_from(version, DUTCH_SINCE)
    ).fields(required=_SECTIONS)
    root.get("version").text(50)
    if root.get("questionnaire_version").text(50) != questionnaire.version:
        root.get("questionnaire_version").fail(
            f"does not match the questionnaire's version {questionnaire.version!r}"
        )
    _check_formula_items(root, questionnaire)
    item_rules = _item_rules(root.get("item_scores"), questionnaire)
    exposure = read_exposure(root.get("exposure"), questionnaire, item_rules)
    readiness = read_readiness(root.get("readiness"), questionnaire, item_rules)
    context_items = tuple(
        node.one_of([item.id for item in questionnaire.items if not item.is_profile])
        for node in root.get("context_items").elements()
    )
    recommendations = read_recommendations(root.get("recommendations"), questionnaire)
    _check_roles(
        root, questionnaire, item_rules, exposure, readiness, context_items, recommendations
    )
    levels = root.get("levels").fields(required=("readiness", "exposure"))
    readiness_levels, exposure_levels = (
        read_scale(levels.get("readiness")),
        read_scale(levels.get("exposure")),
    )
    scored = [d.id for d in questionnaire.dimensions if d.kind != "profile"]
    employees = questionnaire.item(ids.EMPLOYEES).option_ids
    return Ruleset(
        version=data["version"],
        questionnaire_version=questionnaire.version,
        exposure=exposure,
        readiness=readiness,
        item_rules=MappingProxyType(item_rules),
        context_items=context_items,
        readiness_levels=readiness_levels,
        exposure_levels=exposure_levels,
        level_texts=read_level_texts(
            root.get("level_texts"), questionnaire, readiness_levels, exposure_levels
        ),
        classes=read_classes(root.get("classes")),
        priority=read_scale(root.get("priority")),
        top_gaps=read_top_gaps(root.get("top_gaps")),
        recommendations=recommendations,
        catalogue=read_catalogue(
            root.get("catalogue"),
            CatalogueContext(
                dimensions=scored,
                core_technologies=questionnaire.item(ids.CORE_TECHNOLOGIES).option_ids,
                employee_bands=employees,
                classes=CLASS_IDS,
                size_ranges=recommendations.eligibility is not None,
                # The ruleset that words its rules as the guidelines do (2026.2 on) also
                # cites them: 2026.1, scored before, keeps loading as it was.
                sources_required=recommendations.eligibility is not None,
            ),
        ),
    )


_FORMULA_ITEMS = {
    ids.REVENUE_SPLIT: ("split",),
    ids.CONTRACT_HORIZON: ("single",),
    ids.NEW_NOMINATIONS: ("single",),
    ids.CORE_TECHNOLOGIES: ("multi",),
    ids.MAIN_SEGMENT: ("single",),
    ids.EMPLOYEES: ("band", "single"),
    ids.DISTRICT: ("single",),
    ids.REVENUE_BAND: ("band", "single"),
}


def _check_formula_items(root: Node, questionnaire: Questionnaire) -> None:
    """The items the formulas read directly must exist, and portfolio inputs be required."""
    for item_id, types in _FORMULA_ITEMS.items():
        if not questionnaire.has_item(item_id):
            root.fail(f"needs the questionnaire item {item_id}, which is missing")
        item = questionnaire.item(item_id)
        if item.type not in types:
            root.fail(f"needs {item_id} to be a {' or '.join(types)} item, not {item.type}")
        if item_id in ids.PORTFOLIO_INPUTS and not item.required:
            root.fail(f"needs {item_id} to be a required item")


def _item_rules(node: Node, questionnaire: Questionnaire) -> dict[str, ItemRule]:
    rules = {}
    for item_id, rule in node.entries():
        if not questionnaire.has_item(item_id) or questionnaire.item(item_id).is_profile:
            rule.fail("is not a scored item of the questionnaire")
        item = questionnaire.item(item_id)
        expected = RULE_FOR_TYPE.get(item.type)
        if expected is None:
            rule.fail(f"is a {item.type} item, which has no item scoring rule")
        kind = rule.get("rule").one_of(RULE_KINDS)
        if kind != expected:
            rule.get("rule").fail(f"{kind!r} does not fit a {item.type} item (use {expected!r})")
        rules[item_id] = _item_rule(rule, item, kind)
    return rules


def _item_rule(node: Node, item: Item, kind: str) -> ItemRule:
    if kind == "likert":
        node.fields(required=("rule",), optional=("reverse",))
        reverse = node.maybe("reverse")
        return ItemRule(item.id, "likert", reverse=reverse.boolean() if reverse else False)
    if kind == "ladder":
        node.fields(required=("rule",))
        return ItemRule(item.id, "ladder")
    if kind == "options":
        node.fields(required=("rule", "scores"))
        return ItemRule(item.id, "options", scores=_option_numbers(node.get("scores"), item))
    if kind == "points":
        node.fields(required=("rule", "scores"), optional=("cap",))
        cap = node.get("cap").number(0, 100) if node.maybe("cap") else 100.0
        return ItemRule(
            item.id, "points", scores=_option_numbers(node.get("scores"), item), cap=cap
        )
    node.fields(required=("rule", "points"))
    return ItemRule(item.id, "piecewise", points=_piecewise(node.get("points")))


def _option_numbers(node: Node, item: Item) -> Mapping[str, float]:
    node.fields(required=item.option_ids)
    return MappingProxyType({key: value.number(0, 100) for key, value in node.entries()})


def _piecewise(node: Node) -> tuple[tuple[float, float], ...]:
    points: list[tuple[float, float]] = []
    for point in node.elements(min_length=2):
        x, y = point.elements(min_length=2)[:2]
        if len(point.value) != 2:
            point.fail("is not a pair [x, score]")
        if points and x.number() <= points[-1][0]:
            x.fail(f"{x.value} does not rise above the previous x {points[-1][0]}")
        points.append((x.number(), y.number(0, 100)))
    return tuple(points)


def _check_roles(
    root: Node,
    questionnaire: Questionnaire,
    rules: Mapping[str, ItemRule],
    exposure: ExposureRules,
    readiness: ReadinessRules,
    context_items: tuple[str, ...],
    recommendations: RecommendationRules,
) -> None:
    roles: dict[str, list[str]] = {}
    eligibility = recommendations.eligibility
    sources = {
        "portfolio input": ids.PORTFOLIO_INPUTS,
        "exposure.cust_weights": tuple(exposure.cust_weights),
        "exposure.press_items": exposure.press_items,
        "exposure.economy": tuple(exposure.economy.item_weights) if exposure.economy else (),
        "readiness.item_weights": tuple(i for w in readiness.item_weights.values() for i in w),
        "context_items": context_items,
        # Asked only for funding eligibility; the energy cost share is a pressure item too.
        "recommendations.eligibility": (
            (eligibility.group_item, eligibility.balance_sheet_item) if eligibility else ()
        ),
    }
    for role, item_ids in sources.items():
        for item_id in item_ids:
            roles.setdefault(item_id, []).append(role)
    for item in questionnaire.items:
        found = roles.get(item.id, [])
        if item.is_profile:
            continue
        if len(found) != 1:
            detail = " and ".join(found) if found else "no score and not context_items"
            root.fail(f"questionnaire item {item.id} must have exactly one role, has: {detail}")
    for item_id in rules:
        if roles.get(item_id) == ["context_items"]:
            root.get("item_scores").get(item_id).fail(
                "scores an item that only context_items lists"
            )
