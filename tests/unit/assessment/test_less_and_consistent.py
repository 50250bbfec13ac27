"""Ruleset 2026.2, "Less, and consistent": short lists for a one-hour meeting that still
hold what matters, computed by hand from the catalogue; 2026.1 keeps its long lists.

Catalogue order of what these tests reach (both versions, measures for a machining firm):
  measures   portfolio: portfolio_fade_out_fade_in, competence_to_market_workshop,
                        hydrogen_components_business (new field, machining),
                        e_drive_components_business (new field, machining),
                        non_automotive_business_field (new field, everyone)
             strategy: strategy_workshop_ice_scenarios, transformation_plan_kpis
             innovation: project_idea_sketch, innovation_pilot_university, ...
             digital: data_capture_quick_check, digital_roadmap_mes, ...
             workforce: skills_matrix_hv, hv_software_training, ...
             market: customer_risk_map, new_sector_fairs_visit, ...
  funding offered to 50-249 staff in Bamberg on 2026-03-01, by dimension:
             portfolio: zim, baytfs_baytp_plus, transform_emn_angebote
             strategy: bafa_unternehmensberatung, transform_emn_angebote
             innovation: zim, baytfs_baytp_plus, forschungszulage
             digital: baytfs_prozessinnovation, mittelstand_digital_zentren
             workforce: qualifizierungschancengesetz, qualifizierungsgeld
             market: bafa_unternehmensberatung
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources

import pytest

from assessment.domain import (
    CompanyProfile,
    Questionnaire,
    Ruleset,
    RulesetError,
    load_ruleset,
    load_version,
)
from assessment.domain.recommendations import Situation, recommend

# A class-A firm whose portfolio is the most pressing gap, weak in five more fields.
WEAK = ("portfolio", "strategy", "innovation", "digital", "workforce", "market")


@pytest.fixture(scope="module")
def v2() -> tuple[Questionnaire, Ruleset]:
    return load_version("2026.2")


@pytest.fixture(scope="module")
def v1() -> tuple[Questionnaire, Ruleset]:
    return load_version("2026.1")


def exposed_firm(questionnaire: Questionnaire, e_prod: float = 62.0) -> Situation:
    return Situation(
        weak_dimensions=WEAK,
        assessment_class="A",
        core_technologies=("machining",),
        company=CompanyProfile("50_249", "bamberg_land", "10m_50m"),
        employee_bands=questionnaire.item("company.employees").option_ids,
        planned_investment_percent=None,
        today=date(2026, 3, 1),
        # Independent, with turnover under EUR 50m: an SME for every programme's test, so
        # each programme offered is "eligible" and only the fit to the measures ranks them.
        answers={"finance.group_membership": "independent"},
        e_prod=e_prod,
    )


def ids(entries: tuple) -> list[str]:
    return [entry.id for entry in entries]


def test_an_exposed_firm_gets_a_new_business_field_among_five_measures(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    # Breadth first, round one: each weak field's first measure; the cut at five drops
    # market's. No new field is among them and E_prod 62 >= 50: the first new field that
    # fits machining (hydrogen) takes the fifth place from skills_matrix_hv.
    questionnaire, ruleset = v2
    measures = recommend(exposed_firm(questionnaire), ruleset).measures
    assert ids(measures) == [
        "portfolio_fade_out_fade_in",
        "strategy_workshop_ice_scenarios",
        "project_idea_sketch",
        "data_capture_quick_check",
        "hydrogen_components_business",
    ]


def test_below_e_prod_50_the_five_measures_are_the_cut_alone(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = v2
    measures = recommend(exposed_firm(questionnaire, e_prod=49.9), ruleset).measures
    assert ids(measures) == [
        "portfolio_fade_out_fade_in",
        "strategy_workshop_ice_scenarios",
        "project_idea_sketch",
        "data_capture_quick_check",
        "skills_matrix_hv",
    ]


def test_the_new_field_fits_the_core_technology_and_is_not_added_twice(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = v2
    # A die caster: structural castings is the first new field for die casting.
    caster = replace(exposed_firm(questionnaire), core_technologies=("die_casting",))
    assert ids(recommend(caster, ruleset).measures)[-1] == "structural_castings_ev"
    # Only the portfolio weak: its five measures already hold three new fields (hydrogen,
    # e-drive and non-automotive for machining); nothing is replaced.
    portfolio_only = replace(exposed_firm(questionnaire), weak_dimensions=("portfolio",))
    assert ids(recommend(portfolio_only, ruleset).measures) == [
        "portfolio_fade_out_fade_in",
        "competence_to_market_workshop",
        "hydrogen_components_business",
        "e_drive_components_business",
        "non_automotive_business_field",
    ]


def test_among_the_paying_programmes_those_to_be_checked_come_after_the_sure_ones(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    # Group membership not given: ZIM counts linked firms and BAFA consulting needs an SME,
    # so both are "unclear"; they still pay for shown measures (idea sketch, strategy
    # workshop) and stay among the four, after the paying programmes that are sure
    # (transform_emn, mittelstand_digital), keeping their own order (zim before bafa_ub).
    questionnaire, ruleset = v2
    unknown_group = replace(exposed_firm(questionnaire), answers={})
    funding = recommend(unknown_group, ruleset).funding
    assert [(offer.id, offer.eligibility.outcome) for offer in funding] == [
        ("transform_emn_angebote", "eligible"),
        ("mittelstand_digital_zentren", "eligible"),
        ("zim", "unclear"),
        ("bafa_unternehmensberatung", "unclear"),
    ]


def test_four_programmes_those_paying_for_a_shown_measure_first(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    # Breadth first over the weak fields: zim, bafa_ub, baytfs_prozess, qcg (round one),
    # baytp_plus, transform_emn, mittelstand_digital, qgeld (two), forschungszulage (three).
    # The measures shown are paid by transform_emn (fade-out), bafa_ub (strategy workshop),
    # zim (idea sketch, hydrogen) and mittelstand_digital (data capture): those four move
    # ahead, keeping their order, and fill the four places.
    questionnaire, ruleset = v2
    recommendations = recommend(exposed_firm(questionnaire), ruleset)
    assert ids(recommendations.funding) == [
        "zim",
        "bafa_unternehmensberatung",
        "transform_emn_angebote",
        "mittelstand_digital_zentren",
    ]
    paid_by = [recommendations.funding_for(m) for m in recommendations.measures]
    assert [offer.id if offer else None for offer in paid_by] == [
        "transform_emn_angebote",
        "bafa_unternehmensberatung",
        "zim",
        "mittelstand_digital_zentren",
        "zim",
    ]


def test_with_few_measures_paying_the_rest_keep_the_gap_order(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    # Digital and workforce weak, E_prod low: measures data_capture (mittelstand_digital),
    # skills_matrix (qcg), digital_roadmap (digitalbonus not offered at 50-249, so
    # baytfs_prozess), hv_software_training (qcg), ai_pilot (mittelstand_digital).
    # Offered in gap order: baytfs_prozess, qcg, mittelstand_digital, qgeld; all but qgeld
    # pay for a measure and qgeld, which pays for none, stays fourth.
    questionnaire, ruleset = v2
    firm = replace(
        exposed_firm(questionnaire, e_prod=20.0),
        weak_dimensions=("digital", "workforce"),
        assessment_class="C",
    )
    recommendations = recommend(firm, ruleset)
    assert ids(recommendations.measures) == [
        "data_capture_quick_check",
        "skills_matrix_hv",
        "digital_roadmap_mes",
        "hv_software_training",
        "ai_pilot_quality",
    ]
    assert ids(recommendations.funding) == [
        "baytfs_prozessinnovation",
        "qualifizierungschancengesetz",
        "mittelstand_digital_zentren",
        "qualifizierungsgeld",
    ]


def test_a_firm_with_many_gaps_gets_short_lists(v2: tuple[Questionnaire, Ruleset]) -> None:
    questionnaire, ruleset = v2
    recommendations = recommend(exposed_firm(questionnaire), ruleset)
    # Partners breadth first: cleantech park (portfolio), transform_EMN (strategy),
    # Fraunhofer (innovation); the cut at three drops the rest of round one.
    assert ids(recommendations.partners) == [
        "cleantech_innovation_park",
        "transform_emn",
        "fraunhofer_ctip",
    ]
    # Opportunity fields of machining, catalogue order, three.
    assert ids(recommendations.technologies) == [
        "e_motor_inverter_housings",
        "battery_cooling_plates",
        "fuel_cell_electrolyser_parts",
    ]
    # Five points for everyone and class A's scenario always; of the weak fields' points
    # the most pressing one's fills the seventh place: strategy (portfolio has none).
    assert ids(recommendations.agenda) == [
        "validate_revenue_split",
        "fade_out_fade_in",
        "opportunity_fields",
        "top_measures_owners",
        "liquidity_workforce_scenario",
        "vision_2030_governance",
        "reassessment_date",
    ]


def test_the_same_firm_on_2026_1_gets_the_old_lists(v1: tuple[Questionnaire, Ruleset]) -> None:
    questionnaire, ruleset = v1
    recommendations = recommend(exposed_firm(questionnaire), ruleset)
    # Two full rounds of six, cut at twelve: no new business field.
    assert ids(recommendations.measures) == [
        "portfolio_fade_out_fade_in",
        "strategy_workshop_ice_scenarios",
        "project_idea_sketch",
        "data_capture_quick_check",
        "skills_matrix_hv",
        "customer_risk_map",
        "competence_to_market_workshop",
        "transformation_plan_kpis",
        "innovation_pilot_university",
        "digital_roadmap_mes",
        "hv_software_training",
        "new_sector_fairs_visit",
    ]
    assert ids(recommendations.funding) == [
        "zim",
        "bafa_unternehmensberatung",
        "baytfs_prozessinnovation",
        "qualifizierungschancengesetz",
        "baytfs_baytp_plus",
        "transform_emn_angebote",
        "mittelstand_digital_zentren",
        "qualifizierungsgeld",
    ]
    assert ids(recommendations.partners) == [
        "cleantech_innovation_park",
        "transform_emn",
        "fraunhofer_ctip",
        "kmu_ki_erfahrungszentrum",
        "ba_arbeitgeber_service",
        "ofracar",
    ]
    assert len(recommendations.agenda) == 13
    assert all(recommendations.funding_for(m) is None for m in recommendations.measures)


def test_every_2026_2_measure_names_owner_and_effort(v2: tuple[Questionnaire, Ruleset]) -> None:
    measures = v2[1].catalogue.measures
    assert len(measures) == 27
    assert [m.id for m in measures if m.owner is None or m.effort is None] == []
    # Every measure with something to pay for names a programme; five are own work.
    assert [m.id for m in measures if not m.funding] == [
        "customer_risk_map",
        "new_sector_fairs_visit",
        "certification_roadmap",
        "pcf_vsme_report",
        "funding_mix",
    ]


def test_a_measure_naming_an_unknown_programme_stops_the_load(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    folder = resources.files("assessment").joinpath("rulesets", "2026.2")
    raw = json.loads(folder.joinpath("ruleset.json").read_text(encoding="utf-8"))
    raw["catalogue"]["measures"][0]["funding"] = ["go_digitaal"]
    with pytest.raises(
        RulesetError, match=r"\(portfolio_fade_out_fade_in\)\.funding: \[0\] 'go_digitaal'"
    ):
        load_ruleset(raw, v2[0])
