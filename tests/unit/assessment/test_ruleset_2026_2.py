"""The exposure rules ruleset 2026.2 adds (economy, distress, time pressure) and the sources
its catalogue must cite are checked entry by entry like the rest: a mistake names the entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from assessment.domain import RulesetError, load_questionnaire, load_ruleset, load_version
from assessment.domain.questionnaire import Questionnaire


def _packaged(name: str) -> dict[str, Any]:
    folder = resources.files("assessment").joinpath("rulesets", "2026.2")
    data: dict[str, Any] = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(_packaged("questionnaire.json"))


def test_the_packaged_rules(questionnaire: Questionnaire) -> None:
    exposure = load_ruleset(_packaged("ruleset.json"), questionnaire).exposure
    assert exposure.time_pressure_from_t is None
    assert exposure.time_pressure is not None
    assert (exposure.time_pressure.horizons, exposure.time_pressure.from_c) == (
        ("before_2027", "2027_2029"),
        0.7,
    )
    assert exposure.time_pressure.min_share == 20
    assert exposure.economy is not None
    assert dict(exposure.economy.item_weights) == {
        "market.revenue_trend": 0.4,
        "market.capacity_utilisation": 0.3,
        "market.order_backlog": 0.3,
    }
    assert exposure.economy.pull == 0.35
    assert exposure.distress is not None
    assert [(c.item, c.any_of) for c in exposure.distress.all_of] == [
        ("finance.ebit_margin", ("lt0",))
    ]
    assert [(c.item, c.any_of) for c in exposure.distress.any_of] == [
        ("finance.equity_ratio", ("lt15",)),
        ("market.revenue_trend", ("strongly_falling",)),
    ]
    assert exposure.distress.e_at_least == 60
    assert dict(exposure.timing_factors)["call_off"] == 1.1
    assert [
        (c.id, c.coefficient, c.exposure_class, c.growth)
        for c in exposure.categories.values()
        if c.coefficient == 0.5
    ] == [
        ("automotive_tooling_moulds", 0.5, "automotive_indirect", False),
        ("automotive_production_equipment", 0.5, "automotive_indirect", False),
        ("automotive_end_use_unknown", 0.5, "automotive_indirect", False),
    ]


BREAKAGES: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    (
        "both time-pressure rules",
        lambda d: d["exposure"].update(time_pressure_from_t=1.1),
        "exposure needs exactly one of time_pressure_from_t and time_pressure",
    ),
    (
        "no time-pressure rule",
        lambda d: d["exposure"].pop("time_pressure"),
        "exposure needs exactly one of time_pressure_from_t and time_pressure",
    ),
    (
        "time-pressure horizon",
        lambda d: d["exposure"]["time_pressure"].update(horizons=["soon"]),
        "exposure.time_pressure.horizons: [0] 'soon' is not one of",
    ),
    (
        "economic weights",
        lambda d: d["exposure"]["economy"]["item_weights"].update({"market.revenue_trend": 0.5}),
        "exposure.economy: item_weights sum to 1.1, not 1",
    ),
    (
        "economic item of another dimension",
        lambda d: d["exposure"]["economy"]["item_weights"].update({"finance.ebit_margin": 0}),
        "exposure.economy.item_weights: finance.ebit_margin is not an item of market",
    ),
    (
        "economic item twice",
        lambda d: d["context_items"].append("market.order_backlog"),
        "market.order_backlog must have exactly one role, has: exposure.economy and context_items",
    ),
    (
        "distress option",
        lambda d: d["exposure"]["distress"]["all_of"][0].update(any_of=["negative"]),
        "exposure.distress.all_of[0].any_of: [0] 'negative' is not one of",
    ),
    (
        "partner without a source",
        lambda d: d["catalogue"]["partners"][3].pop("source_url"),
        "catalogue.partners[3] (ofracar): source_url is missing",
    ),
    (
        "partner without a check date",
        lambda d: d["catalogue"]["partners"][4].pop("verified_on"),
        "catalogue.partners[4] (ihk_oberfranken): verified_on is missing",
    ),
    (
        "programme without sources",
        lambda d: d["catalogue"]["funding"][3].pop("sources"),
        "catalogue.funding[3] (forschungszulage): sources is missing",
    ),
    (
        "programme with an empty source list",
        lambda d: d["catalogue"]["funding"][3].update(sources=[]),
        "catalogue.funding[3] (forschungszulage): sources needs at least 1 entries",
    ),
    (
        "distress on a number item",
        lambda d: d["exposure"]["distress"]["any_of"][0].update(item="market.automotive_share"),
        "exposure.distress.any_of[0]: item is not a single-choice item of the questionnaire",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [(breakage, message) for _, breakage, message in BREAKAGES],
    ids=[name for name, _, _ in BREAKAGES],
)
def test_a_broken_rule_names_the_bad_entry(
    breakage: Callable[[dict[str, Any]], Any], message: str, questionnaire: Questionnaire
) -> None:
    raw = _packaged("ruleset.json")
    breakage(raw)
    with pytest.raises(RulesetError) as raised:
        load_ruleset(raw, questionnaire)
    assert str(raised.value).startswith("ruleset 2026.2: ")
    assert message in str(raised.value)


def test_every_programme_and_partner_cites_its_source_while_2026_1_loads_without() -> None:
    catalogue = load_version("2026.2")[1].catalogue
    assert all(programme.sources for programme in catalogue.funding)
    assert all(partner.source_url and partner.verified_on for partner in catalogue.partners)
    # 2026.1 predates the rule: a partner without a source still loads there.
    earlier = load_version("2026.1")[1].catalogue
    assert any(partner.source_url is None for partner in earlier.partners)
