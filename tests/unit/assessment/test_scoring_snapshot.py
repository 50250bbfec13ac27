"""score() gives the same ScoreCards as before the speed-up (scorecard_snapshots.json).

The snapshot keeps every number, flag and id of a card; texts are left out because they
come straight from the ruleset by those ids. Regenerate only for an intended change
(from the repository root):
    .venv/bin/python tests/unit/assessment/test_scoring_snapshot.py \
        > tests/unit/assessment/scorecard_snapshots.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import pytest
from assessment_answer_sets import (
    FULL_ANSWERS,
    LOW_EXPOSURE_ELSEWHERE,
    SPARSE_ANSWERS,
    TODAY,
    VERSION,
)

from assessment.domain import CompanyProfile, Questionnaire, Ruleset, load_version, score
from assessment.domain.scorecard import ScoreCard

SNAPSHOTS = Path(__file__).with_name("scorecard_snapshots.json")
_HIGH_E = {"ice_engine_mechanics": 70, "ice_fuel_injection": 30}
# E_prod 70 with little exposure elsewhere: E is lifted to the floor of 60.
_FLOOR = LOW_EXPOSURE_ELSEWHERE | {
    "portfolio.revenue_split": {"ice_air_exhaust": 70, "non_automotive": 30},
}


def _dont_know_everywhere(questionnaire: Questionnaire) -> dict[str, Any]:
    """FULL_ANSWERS with "weiß nicht" wherever allowed, but one readiness answer kept."""
    answers = {
        key: None if questionnaire.item(key).allows_unknown else value
        for key, value in FULL_ANSWERS.items()
    }
    return answers | {"finance.ebit_margin": "lt0"}


def _cases(questionnaire: Questionnaire) -> dict[str, tuple[dict[str, Any], CompanyProfile]]:
    small = CompanyProfile(employees="lt50", district="lichtenfels", revenue_band="2m_10m")
    mid = CompanyProfile(employees="50_249", district="bamberg_land", revenue_band="10m_50m")
    return {
        "full": (FULL_ANSWERS, small),
        "full_mid_company": (FULL_ANSWERS, mid),
        "sparse": (SPARSE_ANSWERS, mid),
        "hidden_follow_ups": (
            FULL_ANSWERS | {"portfolio.revenue_split": {"body_closures": 80, "non_automotive": 20}},
            small,
        ),
        "high_exposure_weak_digital": (
            FULL_ANSWERS
            | {
                "portfolio.revenue_split": _HIGH_E,
                "portfolio.contract_horizon": "before_2027",
                "digital.data_usage": 0,
                "digital.systems_in_use": [],
                "digital.information_security": "none",
                "digital.ai_usage": "none",
                "digital.kpi_driven": 1,
                "market.top_customer_share": 0,
                "market.automotive_share": 10,
            },
            CompanyProfile(employees="250_999", district="lichtenfels"),
        ),
        "e_floor": (FULL_ANSWERS | _FLOOR, small),
        "dont_know_everywhere": (_dont_know_everywhere(questionnaire), small),
    }


def digest(card: ScoreCard) -> dict[str, Any]:
    """Every number, flag and id of the card, as plain JSON data."""
    recommendations = card.recommendations
    return {
        "versions": [card.ruleset_version, card.questionnaire_version],
        "exposure": {
            **{k: v for k, v in asdict(card.exposure).items() if k != "result"},
            "level": card.exposure.result.level.id,
        },
        "readiness": [card.readiness.score, card.readiness.result.level.id],
        "dimensions": [
            [d.id, d.kind, d.score, d.result.level.id if d.result else None, d.confidence]
            for d in card.dimensions
        ],
        "class": card.assessment_class.id,
        "priority": [card.priority.score, card.priority.label.id],
        "confidence": card.confidence,
        "time_pressure": card.time_pressure,
        "timing_factor": card.timing_factor,
        "critical_gaps": list(card.critical_gaps),
        "top_gaps": [[g.dimension, g.score, g.result.level.id, g.rank] for g in card.top_gaps],
        "growth_share": card.growth_share,
        "weak_dimensions": list(card.weak_dimensions),
        "exposure_profile": asdict(card.exposure_profile),
        "recommendations": {
            f.name: [entry.id for entry in getattr(recommendations, f.name)]
            for f in fields(recommendations)
        },
    }


def _snapshots(questionnaire: Questionnaire, ruleset: Ruleset) -> dict[str, Any]:
    return {
        name: digest(score(answers, questionnaire, ruleset, today=TODAY, company=company))
        for name, (answers, company) in _cases(questionnaire).items()
    }


def test_scorecards_match_the_snapshot(questionnaire: Questionnaire, ruleset: Ruleset) -> None:
    expected = json.loads(SNAPSHOTS.read_text(encoding="utf-8"))
    # A JSON round trip turns tuples into lists, as in the stored file.
    actual = json.loads(json.dumps(_snapshots(questionnaire, ruleset)))
    assert actual.keys() == expected.keys()
    for name in expected:
        assert actual[name] == expected[name], name


@pytest.mark.parametrize("name", ["full", "sparse", "dont_know_everywhere"])
def test_the_full_card_is_stable_under_repeated_scoring(
    name: str, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    answers, company = _cases(questionnaire)[name]
    first = score(answers, questionnaire, ruleset, today=TODAY, company=company)
    again = score(answers, questionnaire, ruleset, today=TODAY, company=company)
    assert again == first  # precomputed lookups must not leak state between calls


def _dump(snapshots: dict[str, Any]) -> str:
    """One line per field, so a diff of the file names the field that changed."""
    cases = []
    for name, card in snapshots.items():
        lines = [f'  "{k}": {json.dumps(v, ensure_ascii=False)}' for k, v in card.items()]
        cases.append(f' "{name}": {{\n' + ",\n".join(lines) + "\n }")
    return "{\n" + ",\n".join(cases) + "\n}\n"


if __name__ == "__main__":
    questionnaire, ruleset = load_version(VERSION)
    sys.stdout.write(_dump(_snapshots(questionnaire, ruleset)))
