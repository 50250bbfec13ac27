"""Ruleset 2026.2, "Questions that fit the firm": target fields, HV/software items only where
e-mobility is a current or target field, SBTi, glossary hints and the new context items.

The expectations are computed by hand from the ruleset's numbers, written out below.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from assessment.domain import (
    Questionnaire,
    QuestionnaireError,
    Ruleset,
    load_questionnaire,
    load_version,
    validate_answers,
)
from assessment.domain.answer_wording import context_questions
from assessment.domain.readiness import readiness

FOLLOW_UPS = (
    "innovation.certifications",
    "innovation.software_hv_development",
    "workforce.hv_qualified_share",
)
NEW_CONTEXT_ITEMS = (
    "strategy.target_fields",
    "strategy.cluster_offers",
    "energy.esg_data_requests",
    "workforce.codetermination",
    "workforce.hard_to_fill",
)


@pytest.fixture(scope="module")
def v2() -> tuple[Questionnaire, Ruleset]:
    return load_version("2026.2")


@pytest.fixture(scope="module")
def v1() -> tuple[Questionnaire, Ruleset]:
    return load_version("2026.1")


@pytest.fixture
def raw_v2() -> dict[str, Any]:
    folder = resources.files("assessment").joinpath("rulesets", "2026.2")
    data: dict[str, Any] = json.loads(
        folder.joinpath("questionnaire.json").read_text(encoding="utf-8")
    )
    return data


def _shown(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    visible = {item.id for item in questionnaire.visible_items(answers)}
    return [item_id for item_id in FOLLOW_UPS if item_id in visible]


# -- target fields and the HV/software follow-ups ---------------------------------------------


def test_target_fields_is_a_context_item_with_the_methodology_fields(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = v2
    item = questionnaire.item("strategy.target_fields")
    assert item.type == "multi"
    assert item.option_ids == (
        "e_mobility_hv", "hydrogen", "medtech", "energy_systems", "rail", "defence",
        "industrial_automation", "other",
    )  # fmt: skip
    assert "strategy.target_fields" in ruleset.context_items
    assert "strategy.target_fields" not in ruleset.item_rules
    # Asked before the items whose skip rules read it.
    ids = [i.id for i in questionnaire.items]
    assert all(ids.index("strategy.target_fields") < ids.index(f) for f in FOLLOW_UPS)


@pytest.mark.parametrize(
    ("split", "technologies", "targets", "shown"),
    [
        # The turned-parts shop heading for medtech: drivetrain revenue, no e-mobility.
        ({"ice_engine_mechanics": 60, "non_automotive": 40}, ["machining"], ["medtech"], False),
        ({"ice_engine_mechanics": 100}, ["machining"], [], False),
        ({"ice_engine_mechanics": 100}, ["machining"], None, False),  # "weiß nicht"
        ({"body_closures": 100}, ["embedded_software"], ["rail"], False),
        ({"ice_engine_mechanics": 100}, ["machining"], ["medtech", "e_mobility_hv"], True),
        ({"body_closures": 90, "power_electronics_hv": 10}, [], [], True),
        ({"sensors_adas_software": 100}, ["embedded_software"], [], True),
        ({"charging_lightweight_recycling": 100}, ["electronics_manufacturing"], [], True),
        ({"body_closures": 100, "battery_systems": 0}, [], [], False),
    ],
    ids=[
        "medtech-target",
        "drivetrain-no-target",
        "target-unknown",
        "software-for-rail",
        "e-mobility-target",
        "hv-revenue",
        "adas-software-revenue",
        "charger-electronics",
        "zero-share",
    ],
)
def test_hv_and_software_items_need_e_mobility_as_current_or_target_field(
    split: dict[str, float],
    technologies: list[str],
    targets: list[str] | None,
    shown: bool,
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    answers = {
        "portfolio.revenue_split": split,
        "portfolio.core_technologies": technologies,
        "strategy.target_fields": targets,
    }
    assert _shown(v2[0], answers) == (list(FOLLOW_UPS) if shown else [])


def test_2026_1_still_asks_the_drivetrain_shop_about_hv(v1: tuple[Questionnaire, Ruleset]) -> None:
    answers = {"portfolio.revenue_split": {"ice_engine_mechanics": 100}}
    assert _shown(v1[0], answers) == list(FOLLOW_UPS)


# A 40-person turned-parts shop (60 % ICE engine parts, 40 % non-automotive) heading for
# medtech, with no automotive-software or HV credentials. Item scores (ruleset numbers):
TURNED_PARTS_SHOP: dict[str, Any] = {
    "portfolio.revenue_split": {"ice_engine_mechanics": 60, "non_automotive": 40},
    "portfolio.core_technologies": ["machining"],
    "strategy.transformation_strategy": 2,  # ladder 2/4 -> 50
    "strategy.fade_out_plan": 3,  # likert -> 50
    "strategy.new_product_share": 15,  # 0..30 % -> 50
    "strategy.diversification_activities": ["new_sector_fairs", "non_auto_customers"],  # 15+25
    "strategy.non_automotive_sales": "dedicated_person",  # 70
    "innovation.rd_intensity": "1_3",  # 50
    "innovation.engineering_share": 6,  # 0..15 % -> 40
    "innovation.growth_competences": [],  # 0
    "innovation.research_cooperation": 3,  # ladder 3/3 -> 100
    "innovation.certifications": "none",  # 0 (2026.1 only)
    "innovation.software_hv_development": 0,  # 0 (2026.1 only)
    "digital.data_usage": 2,  # ladder 2/5 -> 40
    "digital.systems_in_use": ["erp", "caq"],  # 20+15
    "digital.information_security": "basic",  # 35
    "digital.ai_usage": "none",  # 0
    "digital.kpi_driven": 4,  # 75
    "energy.carbon_accounting": 2,  # ladder 2/4 -> 50
    "energy.reduction_target": "internal",  # 35
    "energy.measures": ["pv_own_power"],  # 20
    "workforce.strategic_planning": 1,  # ladder 1/3 -> 100/3
    "workforce.training_days": 2,  # 0..5 days -> 40
    "workforce.competences_built": ["automation_robotics"],  # 20
    "workforce.hv_qualified_share": 0,  # 0 (2026.1 only)
    "workforce.employee_involvement": 3,  # 50
    "finance.ebit_margin": "3_6",  # 70
    "finance.equity_ratio": "30_45",  # 70
    "finance.planned_investment": 2.5,  # 0..5 % -> 50
    "finance.funding_experience": 1,  # ladder 1/3 -> 100/3
    "finance.succession": "in_progress",  # 50
    "finance.bank_access": 4,  # 75
}
STRATEGY = (50 + 50 + 50 + 40 + 70) / 5  # 52
DIGITAL = (40 + 35 + 35 + 0 + 75) / 5  # 37
ENERGY = (50 + 35 + 20) / 3  # 35
FINANCE = (70 + 70 + 50 + 100 / 3 + 50 + 75) / 6  # 58.06


def _readiness(version: tuple[Questionnaire, Ruleset], answers: dict[str, Any]) -> Any:
    questionnaire, ruleset = version
    assert validate_answers(questionnaire, answers, complete=False) == []
    visible = questionnaire.visible_items(answers)
    shown = {item.id: answers[item.id] for item in visible if item.id in answers}
    return readiness(shown, {item.id for item in visible}, questionnaire, ruleset)


def test_the_medtech_bound_shop_is_not_marked_down_for_lacking_aspice(
    v1: tuple[Questionnaire, Ruleset], v2: tuple[Questionnaire, Ruleset]
) -> None:
    before = _readiness(v1, TURNED_PARTS_SHOP)
    after = _readiness(v2, TURNED_PARTS_SHOP | {"strategy.target_fields": ["medtech"]})

    # 2026.1 asks the three HV/software items (drivetrain revenue) and scores them 0:
    innovation_v1 = (50 + 40 + 0 + 100 + 0 + 0) / 6  # 31.67
    workforce_v1 = (100 / 3 + 40 + 20 + 0 + 50) / 5  # 28.67
    # 2026.2 hides them: they count neither way, the dimension re-weights.
    innovation_v2 = (50 + 40 + 0 + 100) / 4  # 47.5
    workforce_v2 = (100 / 3 + 40 + 20 + 50) / 4  # 35.83
    assert before.dimensions["innovation"].value == pytest.approx(innovation_v1)
    assert after.dimensions["innovation"].value == pytest.approx(innovation_v2)
    assert before.dimensions["workforce"].value == pytest.approx(workforce_v1)
    assert after.dimensions["workforce"].value == pytest.approx(workforce_v2)
    assert after.dimensions["innovation"].confidence == 1.0
    assert after.dimensions["workforce"].confidence == 1.0
    for version in (before, after):
        assert version.dimensions["strategy"].value == pytest.approx(STRATEGY)
        assert version.dimensions["digital"].value == pytest.approx(DIGITAL)
        assert version.dimensions["energy"].value == pytest.approx(ENERGY)
        assert version.dimensions["finance"].value == pytest.approx(FINANCE)
    shared = 0.20 * STRATEGY + 0.15 * (DIGITAL + ENERGY + FINANCE)
    assert before.score == pytest.approx(shared + 0.20 * innovation_v1 + 0.15 * workforce_v1)
    assert after.score == pytest.approx(shared + 0.20 * innovation_v2 + 0.15 * workforce_v2)
    assert round(before.score, 1) == 40.5
    assert round(after.score, 1) == 44.8


def test_the_same_shop_heading_for_e_mobility_is_asked_and_scored(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    result = _readiness(v2, TURNED_PARTS_SHOP | {"strategy.target_fields": ["e_mobility_hv"]})
    assert result.dimensions["innovation"].value == pytest.approx((50 + 40 + 0 + 100 + 0 + 0) / 6)


def test_a_bad_answer_to_target_fields_names_the_item(v2: tuple[Questionnaire, Ruleset]) -> None:
    questionnaire = v2[0]
    wrong_option = validate_answers(
        questionnaire, {"strategy.target_fields": ["medtech", "space_travel"]}, complete=False
    )
    not_a_list = validate_answers(
        questionnaire, {"strategy.target_fields": "medtech"}, complete=False
    )
    assert [(e.item_id, e.code) for e in wrong_option] == [
        ("strategy.target_fields", "unknown_option")
    ]
    assert wrong_option[0].message.de == "„space_travel“ ist keine Antwort dieser Frage."
    assert [(e.item_id, e.code) for e in not_a_list] == [("strategy.target_fields", "wrong_type")]


# -- SBTi -------------------------------------------------------------------------------------


def test_sbti_scores_at_least_as_high_as_a_target_with_a_plan(
    v1: tuple[Questionnaire, Ruleset], v2: tuple[Questionnaire, Ruleset]
) -> None:
    scores = v2[1].item_rules["energy.reduction_target"].scores
    assert scores is not None
    assert dict(scores) == {"none": 0, "internal": 35, "action_plan": 100, "science_based": 100}
    assert v2[0].item("energy.reduction_target").option_ids == (
        "none", "internal", "action_plan", "science_based"
    )  # fmt: skip
    # 2026.1 keeps its numbers for the results scored with it.
    old = v1[1].item_rules["energy.reduction_target"].scores
    assert old is not None
    assert dict(old) == {"none": 0, "internal": 35, "science_based": 70, "action_plan": 100}


# -- context items ----------------------------------------------------------------------------


def test_the_new_context_items_are_asked_and_never_scored(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = v2
    # market.revenue_trend, context in 2026.1, is scored in 2026.2 (the economic situation).
    assert ruleset.context_items == ("workforce.share_over_55", *NEW_CONTEXT_ITEMS)
    for item_id in NEW_CONTEXT_ITEMS:
        item = questionnaire.item(item_id)
        assert item.type == "multi"
        assert item.show_if is None
        assert item_id not in ruleset.item_rules
    assert questionnaire.item("strategy.cluster_offers").option_ids == (
        "joint_project", "events", "education_modules", "dutch_partners", "pilot_space",
        "mentoring",
    )  # fmt: skip
    assert questionnaire.item("workforce.codetermination").option_ids == (
        "works_council", "collective_agreement"
    )  # fmt: skip
    assert questionnaire.item("energy.esg_data_requests").option_ids == (
        "ecovadis", "supply_chain_due_diligence", "cbam", "other"
    )  # fmt: skip
    assert questionnaire.item("workforce.hard_to_fill").option_ids == (
        "skilled_workers", "engineers_it", "apprentices"
    )  # fmt: skip


def test_context_answers_leave_readiness_unchanged(v2: tuple[Questionnaire, Ruleset]) -> None:
    answers = TURNED_PARTS_SHOP | {"strategy.target_fields": ["medtech"]}
    with_context = answers | {
        "strategy.cluster_offers": ["events", "mentoring"],
        "energy.esg_data_requests": ["ecovadis"],
        "workforce.codetermination": [],
        "workforce.hard_to_fill": ["apprentices"],
    }
    assert _readiness(v2, with_context).score == _readiness(v2, answers).score


# -- glossary hints ---------------------------------------------------------------------------

JARGON = {
    "innovation.certifications": ["ISO 26262", "ASPICE", "ISO 21434"],
    "innovation.software_hv_development": ["ASPICE"],
    "digital.systems_in_use": ["CAQ", "APS"],
    "digital.information_security": ["ISMS", "TISAX"],
    "energy.carbon_accounting": ["Scope", "PCF", "Catena-X"],
    "energy.reduction_target": ["SBTi"],
    "energy.measures": ["PPA"],
    "energy.esg_data_requests": ["EcoVadis", "LkSG", "CBAM"],
}


def test_the_methodology_jargon_is_explained_in_every_language(
    v1: tuple[Questionnaire, Ruleset], v2: tuple[Questionnaire, Ruleset]
) -> None:
    explained = {
        item.id: [entry.term for entry in item.glossary] for item in v2[0].items if item.glossary
    }
    assert explained == JARGON
    for item_id in JARGON:
        for entry in v2[0].item(item_id).glossary:
            assert len({entry.text.de, entry.text.en, entry.text.nl}) == 3
    assert not any(item.glossary for item in v1[0].items)


@pytest.mark.parametrize(
    ("glossary", "message"),
    [
        (
            [{"term": "MES", "text": {"de": "x", "en": "y", "nl": "z"}}],
            "(energy.measures).glossary[0]: term 'MES' appears neither in the question "
            "nor in an option (de)",
        ),
        (
            [
                {"term": "PPA", "text": {"de": "x", "en": "y", "nl": "z"}},
                {"term": "ppa", "text": {"de": "x", "en": "y", "nl": "z"}},
            ],
            "(energy.measures).glossary[1]: term repeats 'ppa'",
        ),
        (
            [{"term": "PPA", "text": {"de": "x", "nl": "z"}}],
            "(energy.measures).glossary[0].text: en is missing",
        ),
        (
            [{"term": "PPA", "text": {"de": "x", "en": "y"}}],
            "questionnaire 2026.2: items[42] (energy.measures).glossary[0].text: nl is missing: "
            "from this version on every text needs Dutch (nl)",
        ),
        ([], "(energy.measures): glossary needs at least 1 entries"),
    ],
    ids=["term not shown", "term twice", "no English", "no Dutch", "empty list"],
)
def test_a_broken_glossary_names_the_bad_entry(
    glossary: list[Any], message: str, raw_v2: dict[str, Any]
) -> None:
    item = next(i for i in raw_v2["items"] if i["id"] == "energy.measures")
    item["glossary"] = copy.deepcopy(glossary)
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(raw_v2)
    assert message in str(raised.value)


def test_context_questions_name_every_shown_context_item_in_questionnaire_order(
    v2: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = v2
    answers = TURNED_PARTS_SHOP | {
        "strategy.target_fields": ["medtech"],
        "workforce.codetermination": [],
        "workforce.hard_to_fill": ["skilled_workers", "apprentices"],
    }
    rows = context_questions(questionnaire, ruleset.context_items, answers, "de")
    assert [(row.item_id, row.answer) for row in rows] == [
        ("strategy.target_fields", "Medizintechnik"),
        ("strategy.cluster_offers", "nicht beantwortet"),
        ("energy.esg_data_requests", "nicht beantwortet"),
        ("workforce.share_over_55", "nicht beantwortet"),
        ("workforce.codetermination", "nichts davon"),
        ("workforce.hard_to_fill", "Facharbeiterinnen und Facharbeiter, Auszubildende"),
    ]
    assert rows[0].question == (
        "In welchen Zielfeldern wollen Sie in den nächsten Jahren wachsen oder neu einsteigen?"
    )
