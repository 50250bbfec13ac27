"""The result page words the contract horizon and the distress flag of ruleset 2026.2:
call-off business has its own sentence, not the time-pressure one."""

from __future__ import annotations

from typing import Any

import pytest
from assessment_pages_helpers import (
    SCORED_DIMENSIONS,
    assessment_id_of,
    post_step,
    start_through_pages,
)
from flask.testing import FlaskClient
from testkit.web import csrf_token


def _result_page(client: FlaskClient, answers: dict[str, Any], lang: str) -> str:
    assessment_id = assessment_id_of(start_through_pages(client, lang=lang).headers["Location"])
    for dimension in SCORED_DIMENSIONS:
        assert post_step(client, assessment_id, dimension, answers).status_code == 303
    token = csrf_token(client, f"/a/{assessment_id}/review")
    client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    return client.get(f"/a/{assessment_id}/result").get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "call_off", "distress", "time_pressure"),
    [
        (
            "de",
            "Sie liefern auf Abruf ohne Serienvertrag",
            "Angespannte wirtschaftliche Lage",
            "Zeitdruck",
        ),
        ("en", "You deliver on call-off orders", "Strained economic situation", "Time pressure"),
    ],
)
def test_call_off_business_in_distress(
    client: FlaskClient,
    complete_answers: dict[str, Any],
    lang: str,
    call_off: str,
    distress: str,
    time_pressure: str,
) -> None:
    answers = complete_answers | {
        "portfolio.contract_horizon": "call_off",
        "finance.ebit_margin": "lt0",
        "finance.equity_ratio": "lt15",
    }
    text = _result_page(client, answers, lang)
    assert (text.count(call_off), text.count(distress), text.count(time_pressure)) == (1, 1, 0)


def test_contracts_ending_before_2030_show_time_pressure_and_no_distress(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    # 2027-2029 and 60 % injection parts; EBIT 0-3 %.
    text = _result_page(client, complete_answers, "de")
    assert (text.count("Zeitdruck"), text.count("Angespannte wirtschaftliche Lage")) == (1, 0)
