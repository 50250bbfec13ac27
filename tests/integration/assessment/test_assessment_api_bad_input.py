"""Bad input of every kind gets a 4xx problem+json answer, never a 500."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, update
from testkit.web import bearer

from assessment.adapters.tables import assessments


def _assert_problem(response: Any, status: int) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == status
    assert response.json["title"]
    assert response.json["detail"]


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ('{"language": "de",', "application/json", 400),
        (b"\xff\xfe not utf-8", "application/json", 400),
        ("[" * 5000 + "]" * 5000, "application/json", 400),
        (
            '{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}',
            "application/json",
            400,
        ),
        ("[1, 2, 3]", "application/json", 422),
        ("null", "application/json", 422),
        ("language=de", "application/x-www-form-urlencoded", 415),
        ('{"language": "de"}', "text/plain", 415),
    ],
    ids=[
        "truncated",
        "not-utf8",
        "deeply-nested",
        "nested-past-limit",
        "array",
        "null",
        "form",
        "text",
    ],
)
def test_bodies_that_are_not_a_json_object_are_refused(
    client: FlaskClient, data: str | bytes, content_type: str, status: int
):
    response = client.post("/api/v1/assessments", data=data, content_type=content_type)

    _assert_problem(response, status)


def test_an_oversized_body_is_refused_with_413(client: FlaskClient, started: dict[str, str]):
    huge = {"answers": {"market.price_pressure": 3, "padding": "x" * (1024 * 1024)}}

    response = client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json=huge,
        headers=bearer(started["token"]),
    )

    _assert_problem(response, 413)


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
    ids=["none", "empty", "scheme-only", "blank-token", "basic", "too-long"],
)
def test_a_missing_token_answers_401(
    client: FlaskClient, started: dict[str, str], authorization: str | None
):
    headers = {} if authorization is None else {"Authorization": authorization}

    for response in _every_token_call(client, started["id"], headers):
        _assert_problem(response, 401)


def test_a_wrong_token_an_unknown_id_and_a_malformed_id_answer_the_same_404(
    client: FlaskClient, started: dict[str, str], start_body: dict[str, Any]
):
    other = client.post("/api/v1/assessments", json=start_body).json
    wrong_token = _every_token_call(client, started["id"], bearer(other["token"]))
    unknown_id = _every_token_call(client, str(uuid.uuid4()), bearer(started["token"]))
    malformed_id = _every_token_call(client, "not-a-uuid", bearer(started["token"]))

    bodies = set()
    for response in (*wrong_token, *unknown_id, *malformed_id):
        _assert_problem(response, 404)
        bodies.add((response.json["title"], response.json["detail"]))
    assert len(bodies) == 1


def test_an_expired_token_no_longer_opens_the_assessment(
    client: FlaskClient, started: dict[str, str], engine: Engine
):
    with engine.begin() as connection:
        connection.execute(
            update(assessments).values(token_expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )

    for response in _every_token_call(client, started["id"], bearer(started["token"])):
        _assert_problem(response, 404)


def test_the_token_still_opens_the_assessment_after_many_uses(
    client: FlaskClient, started: dict[str, str]
):
    # Mail scanners open links before the person does: a token is not single-use.
    for _ in range(3):
        response = client.put(
            f"/api/v1/assessments/{started['id']}/answers",
            json={"answers": {}},
            headers=bearer(started["token"]),
        )
        assert response.status_code == 200


def _every_token_call(
    client: FlaskClient, assessment_id: str, headers: dict[str, str]
) -> list[Any]:
    base = f"/api/v1/assessments/{assessment_id}"
    return [
        client.put(f"{base}/answers", json={"answers": {}}, headers=headers),
        client.post(f"{base}/submit", headers=headers),
        client.get(f"{base}/result", headers=headers),
    ]
