"""The JSON API's move of a draft begun on an older edition to the current one. The draft is
made older in the database, as a draft saved before the release would be."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update
from testkit.web import bearer

from assessment.adapters.tables import assessments
from assessment.domain import available_versions
from servicekit.web import ENGINE_EXTENSION

OLDER, CURRENT = available_versions()[-2], available_versions()[-1]


def _make_older(app: Flask, assessment_id: str) -> None:
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        connection.execute(
            update(assessments)
            .where(assessments.c.id == uuid.UUID(assessment_id))
            .values(questionnaire_version=OLDER, ruleset_version=OLDER)
        )


def _move(client: FlaskClient, started: dict[str, str]) -> Any:
    return client.post(
        f"/api/v1/assessments/{started['id']}/current-version", headers=bearer(started["token"])
    )


def test_an_older_draft_moves_with_its_answers_and_a_current_one_stays(
    app: Flask, client: FlaskClient, started: dict[str, str]
) -> None:
    answers = {"portfolio.main_segment": "commercial_vehicles", "market.top_customer_share": 30}
    saved = client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json={"answers": answers},
        headers=bearer(started["token"]),
    )
    assert saved.status_code == 200
    _make_older(app, started["id"])

    moved = _move(client, started)
    again = _move(client, started)

    assert moved.status_code == again.status_code == 200
    assert (
        moved.json
        == again.json
        == {
            "id": started["id"],
            "status": "draft",
            "questionnaire_version": CURRENT,
            "answers": answers,
        }
    )


def test_a_submitted_assessment_is_not_moved(
    app: Flask, client: FlaskClient, started: dict[str, str], complete_answers: dict[str, Any]
) -> None:
    headers = bearer(started["token"])
    client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json={"answers": complete_answers},
        headers=headers,
    )
    _make_older(app, started["id"])
    assert (
        client.post(f"/api/v1/assessments/{started['id']}/submit", headers=headers).status_code
        == 200
    )

    refused = _move(client, started)

    assert refused.status_code == 409
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert refused.json["detail"] == "The assessment was submitted; its answers are final."
    result = client.get(f"/api/v1/assessments/{started['id']}/result", headers=headers)
    assert result.json["ruleset_version"] == OLDER


def test_a_draft_whose_size_band_the_current_edition_splits_is_not_moved(
    app: Flask, client: FlaskClient, started: dict[str, str]
) -> None:
    _make_older(app, started["id"])
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        connection.execute(
            update(assessments)
            .where(assessments.c.id == uuid.UUID(started["id"]))
            .values(employees="250_999")  # one band in 2026.1, split in 2026.2
        )

    refused = _move(client, started)

    assert refused.status_code == 409
    assert refused.json["detail"] == (
        f"The company details given at the start do not fit edition {CURRENT}; "
        f"finish this assessment on edition {OLDER} or start a new one."
    )
