"""What of a draft moves to a newer questionnaire: answers the newer one still accepts."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from assessment.domain import load_questionnaire
from assessment.domain.version_change import answers_kept, profile_fits


@pytest.fixture
def raw_questionnaire() -> dict[str, Any]:
    """The newest packaged questionnaire (2026.2), which a next edition starts from: it has
    every text in Dutch, as editions from 2026.2 on must."""
    folder = resources.files("assessment").joinpath("rulesets", "2026.2")
    data: dict[str, Any] = json.loads(
        folder.joinpath("questionnaire.json").read_text(encoding="utf-8")
    )
    return data


def _newer(raw: dict[str, Any]) -> dict[str, Any]:
    """A next edition as releases change one: an item dropped, an option renamed (2026.2
    itself dropped 2026.1's staff band 250_999)."""
    raw["version"] = "2026.9"
    raw["items"] = [item for item in raw["items"] if item["id"] != "digital.ai_usage"]
    for item in raw["items"]:
        if item["id"] == "portfolio.contract_horizon":
            for option in item["options"]:
                if option["id"] == "before_2027":
                    option["id"] = "before_2028"
    return raw


def test_answers_the_newer_questionnaire_still_accepts_are_kept(
    raw_questionnaire: dict[str, Any],
) -> None:
    newer = load_questionnaire(_newer(raw_questionnaire))
    answers = {
        "portfolio.contract_horizon": "before_2027",  # that option is gone
        "portfolio.main_segment": "passenger_cars",
        "digital.ai_usage": "pilots",  # that question is gone
        "market.top_customer_share": 45,
        "market.revenue_trend": None,  # "don't know" is still allowed
        "strategy.diversification_activities": ["services", "acquisition"],
    }

    assert answers_kept(answers, newer) == {
        "portfolio.main_segment": "passenger_cars",
        "market.top_customer_share": 45,
        "market.revenue_trend": None,
        "strategy.diversification_activities": ["services", "acquisition"],
    }


def test_a_profile_fits_only_while_each_of_its_answers_does(
    raw_questionnaire: dict[str, Any],
) -> None:
    newer = load_questionnaire(_newer(raw_questionnaire))
    profile = {
        "company.employees": "50_249",
        "company.revenue_band": "10m_50m",
        "company.district": "coburg",
    }

    assert profile_fits(profile, newer)
    assert not profile_fits({**profile, "company.employees": "250_999"}, newer)
    assert not profile_fits({**profile, "company.group": "independent"}, newer)
