"""The packaged ruleset carries the methodology's numbers; a broken copy fails with a message
naming the bad entry, so a bad deployment stops at start-up.

One module over 350 lines: the one ruleset file, entry by entry, and each way a copy can break.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessment.domain import (
    CatalogueError,
    Questionnaire,
    Ruleset,
    RulesetError,
    available_versions,
    catalogue_loader,
    load_current,
    load_ruleset,
    load_version,
)


def test_the_packaged_versions_load_and_the_newest_is_current() -> None:
    assert available_versions() == ("2026.1", "2026.2")
    for version in available_versions():
        questionnaire, ruleset = load_version(version)
        assert (questionnaire.version, ruleset.version, ruleset.questionnaire_version) == (
            version,
            version,
            version,
        )
    assert load_current() == load_version("2026.2")


def test_the_methodology_weights_and_thresholds(loaded_ruleset: Ruleset) -> None:
    exposure, readiness = loaded_ruleset.exposure, loaded_ruleset.readiness
    assert dict(exposure.part_weights) == {"prod": 0.60, "cust": 0.25, "press": 0.15}
    assert dict(exposure.cust_weights) == {
        "market.top_customer_share": 0.35,
        "market.automotive_share": 0.25,
        "market.customers_over_5pct": 0.20,
        "market.supply_chain_tier": 0.10,
        "market.price_pressure": 0.10,
    }
    assert exposure.press_items == (
        "energy.customer_requirements",
        "energy.energy_cost_share",
        "workforce.ice_specific_share",
    )
    assert (exposure.floor_from_e_prod, exposure.floor_e, exposure.time_pressure_from_t) == (
        70,
        60,
        1.1,
    )
    assert dict(exposure.timing_factors) == {
        "before_2027": 1.2,
        "2027_2029": 1.1,
        "2030_2032": 1.0,
        "after_2032": 0.9,
        "unknown": 1.1,
    }
    assert dict(exposure.segment_multipliers) == {"commercial_vehicles": 0.8, "off_highway": 0.8}
    assert list(exposure.nomination_bonus.values()) == [0, 5, 10, 15]
    assert dict(readiness.dimension_weights) == {
        "strategy": 0.20,
        "innovation": 0.20,
        "digital": 0.15,
        "energy": 0.15,
        "workforce": 0.15,
        "finance": 0.15,
    }
    assert readiness.critical_below == 25
    assert (loaded_ruleset.classes.exposure_from, loaded_ruleset.classes.readiness_from) == (50, 50)
    assert [(level.id, level.minimum) for level in loaded_ruleset.priority.levels] == [
        ("niedrig", 0),
        ("mittel", 12),
        ("hoch", 25),
        ("dringend", 40),
    ]
    assert loaded_ruleset.readiness_levels.ids == (
        "einsteiger",
        "entwickler",
        "fortgeschritten",
        "vorreiter",
    )
    assert loaded_ruleset.classes.rules["A"].name.de == "Akuter Handlungsbedarf"


def test_the_revenue_coefficients_of_the_methodology_table(loaded_ruleset: Ruleset) -> None:
    coefficients = {c.id: c.coefficient for c in loaded_ruleset.exposure.categories.values()}
    assert {c: v for c, v in coefficients.items() if v == 1.0} == {
        "ice_fuel_injection": 1.0,
        "ice_engine_mechanics": 1.0,
        "ice_air_exhaust": 1.0,
        "ice_fuel_ignition_control": 1.0,
    }
    assert coefficients["transmission_clutch"] == coefficients["ice_cooling_sealing_nvh"] == 0.75
    assert coefficients["hybrid_transition"] == 0.45
    assert sum(1 for v in coefficients.values() if v == 0.2) == 5
    growth = {c.id for c in loaded_ruleset.exposure.categories.values() if c.growth}
    assert growth == {c for c, v in coefficients.items() if v == 0.0}
    assert len(growth) == 8


def test_the_funding_catalogue_as_of_early_2026(loaded_ruleset: Ruleset) -> None:
    funding = {programme.id: programme for programme in loaded_ruleset.catalogue.funding}
    assert funding["go_digital"].ends_on == date(2024, 12, 31)  # kept only expired
    assert funding["bafa_modernisierung_zulieferer"].ends_on == date(2023, 11, 30)
    digitalbonus = funding["digitalbonus_bayern"]
    assert digitalbonus.ends_on == date(2027, 12, 31)
    assert digitalbonus.eligibility.max_employees_band == "lt50"
    assert digitalbonus.eligibility.bavarian_site
    assert funding["baytfs_baytp_plus"].ends_on == date(2028, 12, 31)
    assert funding["bik"].eligibility.min_project_eur == 500_000
    assert funding["lfa_transformationsfonds_bayern"].eligibility.min_employees_band == "250_999"
    current = {p.id for p in loaded_ruleset.catalogue.funding if p.runs_on(date(2026, 3, 1))}
    assert {"zim", "eew", "qualifizierungschancengesetz", "bafa_unternehmensberatung"} <= current
    for dimension in ("portfolio", "market", "strategy", "innovation", "digital", "energy"):
        assert any(dimension in funding[p].dimensions for p in current), dimension


# Statutory and standing programmes, in catalogue order: their review date was never an end.
OPEN_ENDED = [
    "forschungszulage",
    "mittelstand_digital_zentren",
    "qualifizierungschancengesetz",
    "qualifizierungsgeld",
    "lfa_transformationsfonds_bayern",
    "foerderkredite_lfa_kfw",
    "buergschaftsbank_bayern",
]


def test_only_programmes_with_a_legal_end_carry_one(loaded_ruleset: Ruleset) -> None:
    """A review date is no end: statutory and standing programmes run on without one."""
    funding = loaded_ruleset.catalogue.funding
    assert [p.id for p in funding if p.ends_on is None] == OPEN_ENDED
    ending_2026 = [p.id for p in funding if p.ends_on == date(2026, 12, 31)]
    assert ending_2026 == ["bafa_unternehmensberatung", "eew", "transform_emn_angebote"]
    assert {p.verified_on for p in funding} == {date(2026, 2, 28)}
    assert loaded_ruleset.recommendations.funding_ending_within_days == 90


def test_the_programmes_to_review_are_those_still_running_past_their_review_date(
    ruleset: Ruleset,
) -> None:
    catalogue = ruleset.catalogue
    assert catalogue.review_overdue(date(2026, 12, 31)) == ()
    assert [p.id for p in catalogue.review_overdue(date(2027, 1, 1))] == OPEN_ENDED
    assert len(catalogue.review_overdue(date(2027, 4, 1))) == 12  # go-digital & Co. ended


def test_every_weak_dimension_has_catalogue_entries(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    catalogue = ruleset.catalogue
    for dimension in questionnaire.dimensions:
        if dimension.kind == "profile":
            continue
        assert any(m.dimension == dimension.id for m in catalogue.measures), dimension.id
        assert any(dimension.id in p.dimensions for p in catalogue.funding), dimension.id
        assert any(dimension.id in e.dimensions for e in catalogue.education), dimension.id


# -- broken copies --------------------------------------------------------------------------


def _funding(data: dict[str, Any], programme_id: str) -> dict[str, Any]:
    return next(p for p in data["catalogue"]["funding"] if p["id"] == programme_id)


def _rename_ends_on(data: dict[str, Any]) -> None:
    eew = _funding(data, "eew")
    eew["ends_at"] = eew.pop("ends_on")


BREAKAGES: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    (
        "funding date",
        lambda d: _funding(d, "digitalbonus_bayern").update(ends_on="2027-13-01"),
        "catalogue.funding[4] (digitalbonus_bayern): ends_on '2027-13-01' is not a date",
    ),
    (
        "misspelt key",
        _rename_ends_on,
        "catalogue.funding[9] (eew): ends_on is missing",
    ),
    (
        "review before verification",
        lambda d: _funding(d, "zim").update(review_by="2026-01-31"),
        "catalogue.funding[1] (zim): review_by is before verified_on",
    ),
    (
        "old date key",
        lambda d: _funding(d, "bik").update(valid_until="2030-12-31"),
        "catalogue.funding[10] (bik): valid_until is not an expected key",
    ),
    (
        "funding URL",
        lambda d: _funding(d, "bik").update(url="klimaschutz-industrie.de"),
        "catalogue.funding[10] (bik): url 'klimaschutz-industrie.de' is not an http(s) URL",
    ),
    (
        "eligibility band",
        lambda d: _funding(d, "digitalbonus_bayern")["eligibility"].update(max_employees_band="x"),
        "catalogue.funding[4] (digitalbonus_bayern).eligibility: max_employees_band 'x' is not one",
    ),
    (
        "funding dimension",
        lambda d: _funding(d, "zim").update(dimensions=["portfolio", "marketing"]),
        "catalogue.funding[1] (zim).dimensions: [1] 'marketing' is not one of digital, energy",
    ),
    (
        "weights",
        lambda d: d["readiness"]["dimension_weights"].update(strategy=0.25),
        "readiness: dimension_weights sum to 1.05, not 1",
    ),
    (
        "option without score",
        lambda d: d["item_scores"]["market.supply_chain_tier"]["scores"].pop("tier2"),
        "item_scores.market.supply_chain_tier.scores: tier2 is missing",
    ),
    (
        "score out of range",
        lambda d: d["item_scores"]["finance.succession"]["scores"].update(settled=120),
        "item_scores.finance.succession.scores: settled 120 is outside 0..100",
    ),
    (
        "unknown item",
        lambda d: d["item_scores"].update({"market.vision": {"rule": "likert"}}),
        "item_scores: market.vision is not a scored item of the questionnaire",
    ),
    (
        "rule for another type",
        lambda d: d["item_scores"].update({"digital.data_usage": {"rule": "likert"}}),
        "item_scores.digital.data_usage: rule 'likert' does not fit a ladder item (use 'ladder')",
    ),
    (
        "piecewise order",
        lambda d: d["item_scores"]["market.top_customer_share"].update(points=[[50, 100], [0, 0]]),
        "item_scores.market.top_customer_share.points[1]: [0] 0 does not rise above",
    ),
    (
        "revenue category",
        lambda d: d["exposure"]["revenue_categories"].pop("hybrid_transition"),
        "exposure.revenue_categories: hybrid_transition is missing",
    ),
    (
        "timing factor",
        lambda d: d["exposure"]["timing_factors"].pop("unknown"),
        "exposure.timing_factors: unknown is missing",
    ),
    (
        "item without role",
        lambda d: d["readiness"]["item_weights"]["digital"].pop("digital.kpi_driven"),
        "questionnaire item digital.kpi_driven must have exactly one role",
    ),
    (
        "item with two roles",
        lambda d: d["context_items"].append("market.price_pressure"),
        "market.price_pressure must have exactly one role, has: exposure.cust_weights and "
        "context_items",
    ),
    (
        "level order",
        lambda d: d["levels"]["readiness"][2].update({"from": 20}),
        "levels.readiness[2]: from 20 does not rise above 25",
    ),
    (
        "level text",
        lambda d: d["level_texts"]["energy"].pop("vorreiter"),
        "level_texts.energy: vorreiter is missing",
    ),
    ("class text", lambda d: d["classes"]["texts"].pop("D"), "classes.texts: D is missing"),
    (
        "technology partner",
        lambda d: d["catalogue"]["technologies"][0].update(partners=["bosch"]),
        "catalogue.technologies[0] (e_motor_inverter_housings).partners: [0] 'bosch' is not one",
    ),
    (
        "measure horizon",
        lambda d: d["catalogue"]["measures"][0].update(horizon="someday"),
        "catalogue.measures[0] (portfolio_fade_out_fade_in): horizon 'someday' is not one of",
    ),
    (
        "text too long for the event",
        lambda d: d["catalogue"]["measures"][0]["title"].update(de="x" * 201),
        "catalogue.measures[0] (portfolio_fade_out_fade_in).title: de is longer than 200",
    ),
    (
        "duplicate id",
        lambda d: d["catalogue"]["partners"].append(copy.deepcopy(d["catalogue"]["partners"][0])),
        "catalogue.partners: [11] repeats the id 'fraunhofer_ctip'",
    ),
    (
        "list limit above the event's",
        lambda d: d["recommendations"]["limits"].update(funding=25),
        "recommendations.limits: funding 25 is outside 1..20",
    ),
    (
        "questionnaire version",
        lambda d: d.update(questionnaire_version="2025.9"),
        "questionnaire_version does not match the questionnaire's version '2026.1'",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [(breakage, message) for _, breakage, message in BREAKAGES],
    ids=[name for name, _, _ in BREAKAGES],
)
def test_a_broken_ruleset_names_the_bad_entry(
    breakage: Callable[[dict[str, Any]], Any],
    message: str,
    raw_ruleset: dict[str, Any],
    questionnaire: Questionnaire,
) -> None:
    breakage(raw_ruleset)
    with pytest.raises(RulesetError) as raised:
        load_ruleset(raw_ruleset, questionnaire)
    assert str(raised.value).startswith("ruleset 2026.1: ")
    assert message in str(raised.value)


def test_the_unbroken_copy_loads(raw_ruleset: dict[str, Any], questionnaire: Questionnaire) -> None:
    assert load_ruleset(raw_ruleset, questionnaire).version == "2026.1"


# -- the packaged versions ------------------------------------------------------------------


@pytest.fixture
def versions_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder of versions in place of the packaged one, holding a copy of 2026.1."""
    for version in ("2026.1", "2026.2"):
        (tmp_path / version).mkdir()
        for name in ("questionnaire.json", "ruleset.json"):
            source = catalogue_loader._versions_folder().joinpath("2026.1", name)
            (tmp_path / version / name).write_text(source.read_text(encoding="utf-8"))
    monkeypatch.setattr(catalogue_loader, "_versions_folder", lambda: tmp_path)
    _forget_loaded_versions()
    yield tmp_path
    _forget_loaded_versions()


def _forget_loaded_versions() -> None:
    available_versions.cache_clear()
    load_version.cache_clear()


def _rewrite(path: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _as_2026_2(versions_folder: Path) -> None:
    """The copy of 2026.1 in the folder 2026.2, relabelled as 2026.2."""
    for name in ("questionnaire.json", "ruleset.json"):
        _rewrite(versions_folder / "2026.2" / name, lambda d: d.update(version="2026.2"))
    _rewrite(
        versions_folder / "2026.2" / "ruleset.json",
        lambda d: d.update(questionnaire_version="2026.2"),
    )


def _in_dutch(data: Any) -> None:
    """Give every text of the data a Dutch entry, as the files of 2026.2 have."""
    if isinstance(data, dict):
        if data.keys() == {"de", "en"}:
            data["nl"] = f"NL {data['de']}"
        for value in data.values():
            _in_dutch(value)
    elif isinstance(data, list):
        for value in data:
            _in_dutch(value)


def test_the_newest_version_is_current(versions_folder: Path) -> None:
    _as_2026_2(versions_folder)
    for name in ("questionnaire.json", "ruleset.json"):
        _rewrite(versions_folder / "2026.2" / name, _in_dutch)
    assert available_versions() == ("2026.1", "2026.2")
    assert load_current()[1].version == "2026.2"
    assert load_version("2026.1")[1].version == "2026.1"  # stored results stay loadable


def test_a_questionnaire_from_2026_2_on_without_dutch_stops_the_start(
    versions_folder: Path,
) -> None:
    _as_2026_2(versions_folder)
    with pytest.raises(CatalogueError) as raised:
        load_current()
    assert str(raised.value) == (
        "questionnaire 2026.2: dimensions[0] (company).title: nl is missing: "
        "from this version on every text needs Dutch (nl)"
    )


def test_a_ruleset_from_2026_2_on_without_dutch_stops_the_start(versions_folder: Path) -> None:
    _as_2026_2(versions_folder)
    _rewrite(versions_folder / "2026.2" / "questionnaire.json", _in_dutch)
    with pytest.raises(CatalogueError) as raised:
        load_current()
    assert str(raised.value) == (
        "ruleset 2026.2: levels.readiness[0].name: nl is missing: "
        "from this version on every text needs Dutch (nl)"
    )
    assert load_version("2026.1")[1].version == "2026.1"  # released without Dutch, still loads


def test_start_up_fails_on_a_broken_packaged_file(versions_folder: Path) -> None:
    (versions_folder / "2026.2" / "ruleset.json").write_text("{", encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape("ruleset.json is not valid JSON")):
        load_current()


def test_a_version_must_sit_in_its_own_folder(versions_folder: Path) -> None:
    with pytest.raises(
        CatalogueError, match=re.escape("questionnaire 2026.1 is packaged in the folder of")
    ):
        load_version("2026.2")


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(CatalogueError, match=re.escape("no packaged ruleset version '1999.1'")):
        load_version("1999.1")
