"""What the report says about the contract horizon, the distress flag and the economic
situation (ruleset 2026.2), in German and English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from report_examples import scored_example

from reporting.adapters.document_html import report_translations
from reporting.domain.benchmark import Benchmark
from reporting.domain.report import build_report
from reporting.domain.report_model import Report


def report_for(scored: dict[str, Any]) -> Report:
    return build_report(
        scored,
        Benchmark("none", 3),
        scored_on=date(2026, 3, 9),
        booking_url="https://termine.example/book/x",
        translations=report_translations(scored["language"]),
    )


def exposure_message(scored: dict[str, Any]) -> str:
    return report_for(scored).summary.key_messages[0]


def with_horizon(case: str, horizon: str, *, time_pressure: bool) -> dict[str, Any]:
    scored = scored_example(case)
    scored["exposure_profile"]["contract_horizon"] = horizon
    scored["scores"]["time_pressure"] = time_pressure
    return scored


@pytest.mark.parametrize(
    ("case", "horizon", "time_pressure", "said", "not_said"),
    [
        ("machining", "2027_2029", True, "Ihre Hauptverträge laufen vor 2030 aus", "ist offen"),
        ("machining", "2030_2032", False, None, "vor 2030"),
        # A 2026.1 result flagged "unknown" (t 1.1): it gets the words for an open horizon.
        ("machining", "unknown", True, "Wann Ihre Hauptverträge auslaufen, ist offen", "vor 2030"),
        ("machining", "call_off", False, "Sie liefern auf Abruf ohne Serienvertrag", "vor 2030"),
        ("die-caster", "2027_2029", True, "Your main contracts end before 2030", "not known"),
        ("die-caster", "unknown", False, "When your main contracts end is not known", "2030"),
        ("die-caster", "call_off", False, "You deliver on call-off orders", "2030"),
    ],
)
def test_the_horizon_gets_its_own_words_and_time_pressure_only_when_flagged(
    case: str, horizon: str, time_pressure: bool, said: str | None, not_said: str
) -> None:
    message = exposure_message(with_horizon(case, horizon, time_pressure=time_pressure))
    if said is not None:
        assert message.count(said) == 1
    assert not_said not in message


@pytest.mark.parametrize(
    ("case", "sentence"),
    [
        ("machining", "Die wirtschaftliche Lage ist angespannt"),
        ("die-caster", "The economic situation is strained"),
    ],
)
def test_distress_is_said_only_when_the_event_flags_it(case: str, sentence: str) -> None:
    scored = scored_example(case)
    assert sentence not in exposure_message(scored)  # events before 2026.2 have no flag
    scored["scores"]["distress"] = False
    assert sentence not in exposure_message(scored)
    scored["scores"]["distress"] = True
    assert exposure_message(scored).count(sentence) == 1


def test_the_economic_part_is_shown_where_the_event_carries_it() -> None:
    scored = scored_example("machining")
    scored["scores"]["exposure"]["parts"]["econ"] = 67.0
    assert report_for(scored).exposure_profile.parts == (
        ("Produkte", 80.3),
        ("Kunden", 80.8),
        ("Druck (Energie, Belegschaft)", 66.7),
        ("Wirtschaftliche Lage", 67.0),
    )


def test_the_methodology_explains_the_economy_for_rulesets_that_score_it() -> None:
    scored = scored_example("machining")
    sentence = "Eine angespannte wirtschaftliche Lage (Umsatzentwicklung, Auslastung"
    assert sentence not in report_for(scored).appendix.methodology  # 2026.1: no such part
    scored["scores"]["distress"] = False
    assert report_for(scored).appendix.methodology.count(sentence) == 1
