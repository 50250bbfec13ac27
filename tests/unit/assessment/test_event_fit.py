"""A ScoreCard, mapped as the service maps it, fills the `assessment.scored` event: its ids,
levels and texts pass the event's schemas, and the answers of the event examples are valid
answers of questionnaire 2026.1."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, TODAY

from assessment.adapters.scored_event import recommendations_part, scores_part
from assessment.domain import CompanyProfile, Questionnaire, Ruleset, ScoreCard, score
from eventing.schemas.assessment import (
    ExposureProfileSchema,
    RecommendationsSchema,
    ScoresSchema,
)

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
