"""A ScoreCard fills the `assessment.scored` event: its ids, levels and texts pass the event's
schemas, and the answers of the event examples are valid answers of questionnaire 2026.1."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, TODAY

from assessment.domain import CompanyProfile, Questionnaire, Ruleset, ScoreCard, score
from assessment.domain.texts import Language, LocalizedText
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


def _text(text: LocalizedText | None, language: Language) -> dict[str, str]:
    return {} if text is None else {"text": text.in_language(language)}


def _scores(card: ScoreCard, language: Language) -> dict[str, Any]:
    exposure, readiness = card.exposure, card.readiness
    return {
        "exposure": {
            "score": exposure.score,
            "level": exposure.result.level.id,
            "parts": {"prod": exposure.prod, "cust": exposure.cust, "press": exposure.press},
        },
        "readiness": {"score": readiness.score, "level": readiness.result.level.id},
        "dimensions": [
            {
                "id": d.id,
                "kind": d.kind,
                "score": d.score,
                "level": d.result.level.id if d.result else None,
            }
            for d in card.dimensions
        ],
        "class": card.assessment_class.id,
        "priority": {"score": card.priority.score, "label": card.priority.label.id},
        "confidence": card.confidence,
        "time_pressure": card.time_pressure,
        "critical_gaps": list(card.critical_gaps),
        "top_gaps": [
            {
                "dimension": gap.dimension,
                "score": gap.score,
                "level": gap.result.level.id,
                "text": gap.result.text.in_language(language),
            }
            for gap in card.top_gaps
        ],
        "growth_share": card.growth_share,
        "timing_factor": card.timing_factor,
    }


def _recommendations(card: ScoreCard, language: Language) -> dict[str, Any]:
    r = card.recommendations
    return {
        "measures": [
            {"id": m.id, "title": m.title.in_language(language), "dimension": m.dimension}
            | {"horizon": m.horizon}
            | _text(m.text, language)
            for m in r.measures
        ],
        "technologies": [
            {"id": t.id, "title": t.title.in_language(language)} | _text(t.text, language)
            for t in r.technologies
        ],
        "education": [
            {"id": e.id, "title": e.title.in_language(language), "kind": e.kind}
            | ({"starts_on": e.starts_on.isoformat()} if e.starts_on else {})
            | ({"url": e.url} if e.url else {})
            | _text(e.text, language)
            for e in r.education
        ],
        "funding": [
            {
                "id": f.id,
                "name": f.name.in_language(language),
                "fit": f.fit.in_language(language),
                "rate": f.rate.in_language(language),
                "valid_until": f.valid_until.isoformat(),
                "contact": f.contact,
                "url": f.url,
            }
            for f in r.funding
        ],
        "partners": [
            {"id": p.id, "name": p.name, "topic": p.topic.in_language(language)} for p in r.partners
        ],
        "agenda": [
            {"id": a.id, "title": a.title.in_language(language)} | _text(a.text, language)
            for a in r.agenda
        ],
    }


def _assert_fits_the_event(card: ScoreCard) -> None:
    for language in ("de", "en"):
        ScoresSchema().load(_scores(card, language))
        RecommendationsSchema().load(_recommendations(card, language))
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
