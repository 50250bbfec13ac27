"""PUT /api/v1/assessments/{id}/answers: partial, repeatable, checked item by item."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from testkit.web import bearer


def _put(client: FlaskClient, started: dict[str, str], answers: Any) -> Any:
    return client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json={"answers": answers},
        headers=bearer(started["token"]),
    )


def test_answers_are_saved_in_parts_and_can_be_changed(
    client: FlaskClient, started: dict[str, str]
):
    first = _put(client, started, {"portfolio.main_segment": "passenger_cars"})
    second = _put(
        client, started, {"market.price_pressure": 3, "portfolio.main_segment": "off_highway"}
    )
    third = _put(client, started, {"market.price_pressure": None})

    assert first.status_code == second.status_code == third.status_code == 200
    assert third.json["status"] == "draft"
    assert third.json["answers"] == {
        "portfolio.main_segment": "off_highway",
        "market.price_pressure": None,  # "weiß nicht"
    }


@pytest.mark.parametrize(
    ("answers", "item_id", "expected"),
    [
        ({"portfolio.no_such_item": 3}, "portfolio.no_such_item", "Unbekannte Frage"),
        ({"market.price_pressure": "high"}, "market.price_pressure", "Erwartet wird"),
        ({"market.price_pressure": 6}, "market.price_pressure", "zwischen 1 und 5"),
        ({"market.top_customer_share": 120}, "market.top_customer_share", "zwischen 0 und 100"),
        ({"portfolio.main_segment": "rockets"}, "portfolio.main_segment", "keine Antwort"),
        (
            {"portfolio.revenue_split": {"ice_fuel_injection": 60, "body_closures": 30}},
            "portfolio.revenue_split",
            "100 %",
        ),
        ({"company.name": "Other GmbH"}, "company.name", "Unternehmensprofil"),
        ({"strategy.target_fields": ["medtech", "space"]}, "strategy.target_fields", "„space“"),
    ],
    ids=[
        "unknown-item",
        "wrong-type",
        "likert-range",
        "number-range",
        "option",
        "split",
        "profile",
        "target-field",
    ],
)
def test_bad_answers_are_refused_per_item_and_nothing_is_saved(
    client: FlaskClient,
    started: dict[str, str],
    answers: dict[str, Any],
    item_id: str,
    expected: str,
):
    response = _put(client, started, {"portfolio.main_segment": "passenger_cars", **answers})

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert set(response.json["errors"]["answers"]) == {item_id}
    assert expected in response.json["errors"]["answers"][item_id][0]
    saved = _put(client, started, {}).json["answers"]
    assert saved == {}


def test_messages_come_in_the_language_of_the_assessment(
    client: FlaskClient, start_body: dict[str, Any]
):
    start_body["language"] = "en"
    started = client.post("/api/v1/assessments", json=start_body).json

    response = _put(client, started, {"market.price_pressure": 9})

    assert response.json["errors"]["answers"]["market.price_pressure"] == [
        "The value must be between 1 and 5."
    ]


def test_a_dutch_company_reads_the_messages_in_dutch(
    client: FlaskClient, start_body: dict[str, Any]
):
    start_body["language"] = "nl"
    started = client.post("/api/v1/assessments", json=start_body).json

    response = _put(client, started, {"market.price_pressure": 9})

    assert response.json["errors"]["answers"]["market.price_pressure"] == [
        "De waarde moet tussen 1 en 5 liggen."
    ]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"answers": []},
        {"answers": {}, "status": "submitted"},
        {"answers": {"x" * 101: 1}},
    ],
    ids=["missing", "not-an-object", "mass-assignment", "long-key"],
)
def test_a_body_of_the_wrong_shape_is_refused(
    client: FlaskClient, started: dict[str, str], body: dict[str, Any]
):
    response = client.put(
        f"/api/v1/assessments/{started['id']}/answers", json=body, headers=bearer(started["token"])
    )

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.json["errors"]
