"""The resume link works until the moment it expires and not a second longer, on the pages
and in the API, by the app's clock (pinned here, so the moment is exact)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from testkit.web import bearer

from assessment.config import DEFAULT_TOKEN_DAYS
from servicekit.app_clock import pin_clock

STARTED_AT = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
EXPIRES_AT = STARTED_AT + timedelta(days=DEFAULT_TOKEN_DAYS)
NOT_FOUND_PAGE = "Dieser Link öffnet keinen Check"


@pytest.fixture
def submitted(app: Flask, start_body: dict[str, Any], complete_answers: dict[str, Any]) -> dict:
    """An assessment started and submitted through the API at STARTED_AT."""
    pin_clock(app, STARTED_AT)
    client = app.test_client()
    started = client.post("/api/v1/assessments", json=start_body).json
    path, token = f"/api/v1/assessments/{started['id']}", bearer(started["token"])
    client.put(f"{path}/answers", json={"answers": complete_answers}, headers=token)
    assert client.post(f"{path}/submit", headers=token).status_code == 200
    return started


def test_the_resume_link_opens_the_result_page_until_its_last_second(app: Flask, submitted: dict):
    browser = app.test_client()
    pin_clock(app, EXPIRES_AT - timedelta(seconds=1))

    opened = browser.get(f"/resume/{submitted['id']}/{submitted['token']}")
    assert opened.status_code == 303
    result = browser.get(f"/a/{submitted['id']}/result")
    assert result.status_code == 200

    # A second after it expired, neither a fresh browser nor the one that opened it in
    # time sees the result any more: both get the page saying the link opens nothing.
    pin_clock(app, EXPIRES_AT + timedelta(seconds=1))
    for response in (
        app.test_client().get(f"/resume/{submitted['id']}/{submitted['token']}"),
        browser.get(f"/a/{submitted['id']}/result"),
    ):
        assert response.status_code == 404
        assert NOT_FOUND_PAGE in response.get_data(as_text=True)


def test_the_api_answers_with_the_token_until_its_last_second(app: Flask, submitted: dict):
    client = app.test_client()
    result = f"/api/v1/assessments/{submitted['id']}/result"

    pin_clock(app, EXPIRES_AT - timedelta(seconds=1))
    assert client.get(result, headers=bearer(submitted["token"])).status_code == 200

    pin_clock(app, EXPIRES_AT + timedelta(seconds=1))
    expired = client.get(result, headers=bearer(submitted["token"]))
    assert expired.status_code == 404
    assert expired.content_type == "application/problem+json"
    assert expired.json["detail"] == (
        "No assessment with this id opens with this token (or it has expired)."
    )
