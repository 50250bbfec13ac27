"""A ScoreCard, mapped as the service maps it, fills the `assessment.scored` event: its ids,
levels and texts pass the event's schemas, and the answers of the event examples are valid
answers of questionnaire 2026.1."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, TODAY

from assessment.adapters.scored_event import recommendations_part, scores_part, vocabulary_part
from assessment.domain import CompanyProfile, Questionnaire, Ruleset, ScoreCard, load_version, score
from eventing.schemas.assessment import (
    ExposureProfileSchema,
    RecommendationsSchema,
    ScoresSchema,
)
from eventing.schemas.vocabulary import VocabularySchema

EXAMPLES = sorted(
    (entry.name, json.loads(entry.read_text(encoding="utf-8"))["data"])
    for entry in resources.files("eventing").joinpath("examples").iterdir()
    if entry.name.startswith("assessment.scored.v1.")
)


def _assert_fits_the_event(card: ScoreCard) -> None:
    for language in ("de", "en"):
        ScoresSchema().load(scores_part(card, language))
        RecommendationsSchema().load(recommendations_part(card.recommendations, language))
    ExposureProfileSchema().load(
        {
            "revenue_split": dict(card.exposure_profile.revenue_split),
            "contract_horizon": card.exposure_profile.contract_horizon,
        }
    )


@pytest.mark.parametrize(("name", "event"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_the_event_examples_score_and_fit_the_event(
    name: str, event: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    company = event["company"]
    card = score(
        event["answers"],
        questionnaire,
        ruleset,
        today=TODAY,
        company=CompanyProfile(company["employees"], company["district"], company["revenue_band"]),
    )
    _assert_fits_the_event(card)
    # The examples' exposure side was computed with the methodology's numbers.
    parts = event["scores"]["exposure"]["parts"]
    assert (card.exposure.prod, card.exposure.cust, card.exposure.press) == (
        parts["prod"],
        parts["cust"],
        parts["press"],
    )
    assert card.exposure.score == event["scores"]["exposure"]["score"]
    assert card.growth_share == event["scores"]["growth_share"]
    assert card.timing_factor == event["scores"]["timing_factor"]
    assert card.time_pressure == event["scores"]["time_pressure"]


def test_the_reference_answers_fit_the_event(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    small = CompanyProfile(employees="lt50", district="lichtenfels", revenue_band="2m_10m")
    _assert_fits_the_event(score(FULL_ANSWERS, questionnaire, ruleset, today=TODAY, company=small))


def test_the_vocabulary_is_the_rulesets_words_in_both_languages(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    vocabulary = vocabulary_part(questionnaire, ruleset)
    VocabularySchema().load(vocabulary)

    assert [(c["id"], c["name"]) for c in vocabulary["classes"]] == [
        ("A", {"de": "Akuter Handlungsbedarf", "en": "Urgent action needed"}),
        ("B", {"de": "Umbau aktiv gestalten", "en": "Actively shape the conversion"}),
        ("C", {"de": "Fitness aufbauen", "en": "Build fitness"}),
        ("D", {"de": "Chancen nutzen", "en": "Seize opportunities"}),
    ]
    assert vocabulary["class_thresholds"] == {"exposure_from": 50.0, "readiness_from": 50.0}
    levels = {
        scale: [(level["id"], level["minimum"], level["name"]["en"]) for level in vocabulary[scale]]
        for scale in ("exposure_levels", "readiness_levels", "priority_levels")
    }
    assert levels == {
        "exposure_levels": [
            ("gering", 0.0, "low"),
            ("mittel", 25.0, "moderate"),
            ("hoch", 50.0, "high"),
            ("sehr_hoch", 75.0, "very high"),
        ],
        "readiness_levels": [
            ("einsteiger", 0.0, "Beginner"),
            ("entwickler", 25.0, "Developer"),
            ("fortgeschritten", 50.0, "Advanced"),
            ("vorreiter", 75.0, "Leader"),
        ],
        "priority_levels": [
            ("niedrig", 0.0, "low"),
            ("mittel", 12.0, "medium"),
            ("hoch", 25.0, "high"),
            ("dringend", 40.0, "urgent"),
        ],
    }
    assert [(d["id"], d["kind"]) for d in vocabulary["dimensions"]] == [
        ("portfolio", "exposure"),
        ("market", "exposure"),
        *(
            (d, "readiness")
            for d in ("strategy", "innovation", "digital", "energy", "workforce", "finance")
        ),
    ]
    categories = {c["id"]: c["exposure_class"] for c in vocabulary["categories"]}
    assert len(vocabulary["categories"]) == 20
    assert categories == {c.id: c.exposure_class for c in ruleset.exposure.categories.values()}


@pytest.mark.parametrize(("name", "event"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_an_example_carries_the_vocabulary_of_its_ruleset_or_none_if_older(
    name: str, event: dict[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    expected = vocabulary_part(questionnaire, ruleset)
    assert event.get("vocabulary", expected) == expected


def test_from_2026_2_the_vocabulary_carries_dutch_too() -> None:
    questionnaire, ruleset = load_version("2026.2")
    vocabulary = vocabulary_part(questionnaire, ruleset)
    VocabularySchema().load(vocabulary)

    assert [(c["id"], c["name"]["nl"]) for c in vocabulary["classes"]] == [
        ("A", "Dringend actie nodig"),
        ("B", "Omschakeling actief vormgeven"),
        ("C", "Fitheid opbouwen"),
        ("D", "Kansen benutten"),
    ]
    assert [level["name"]["nl"] for level in vocabulary["readiness_levels"]] == [
        "Starter",
        "In ontwikkeling",
        "Gevorderd",
        "Koploper",
    ]
