"""Request size limits and hostile JSON on every service: a body over 1 MiB gets 413 with a
problem+json that says so; malformed, deeply nested or otherwise nasty JSON gets 400/422 on
every JSON endpoint, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from security_helpers import BOOKING_LINKS, add_company, engine_of
from testkit.events import scored_event
from testkit.web import bearer, csrf_token

from assessment.testing import START_BODY
from servicekit import signed_tokens
from servicekit.booking_links import PURPOSE as BOOKING_PURPOSE
from servicekit.web import MAX_REQUEST_BYTES

TOO_BIG = b"x" * (MAX_REQUEST_BYTES + 1)

# (service, method, path, content type)
_OVERSIZED = [
    ("assessment", "POST", "/api/v1/assessments", "application/json"),
    ("assessment", "POST", "/start", "application/x-www-form-urlencoded"),
    ("reporting", "GET", "/reports/00000000-0000-0000-0000-000000000000.pdf", "text/plain"),
    ("reporting", "POST", "/healthz", "application/octet-stream"),
    ("notifications", "POST", "/api/v1/meetings", "application/json"),
    ("notifications", "POST", "/desk/login", "application/x-www-form-urlencoded"),
    ("notifications", "POST", "/book/{token}", "application/x-www-form-urlencoded"),
    ("notifications", "POST", "/desk/login", "multipart/form-data; boundary=x"),
]

HOSTILE_JSON = {
    "truncated": b'{"answers": {',
    "not json": b"answers=1",
    "deep arrays": b"[" * 100_000 + b"]" * 100_000,
    "deep objects": b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    "nested past the limit": b'{"answers": ' + b'{"a": ' * 20 + b"1" + b"}" * 21,
    "huge integer": b'{"answers": {"market.top_customer_share": ' + b"9" * 5_000 + b"}}",
    "NaN": b'{"answers": {"market.top_customer_share": NaN}}',
    "Infinity": b'{"answers": {"market.top_customer_share": 1e400}}',
    "lone surrogate": b'{"answers": {"strategy.free_text": "\\ud800"}}',
    "NUL": b'{"answers": {"strategy.free_text": "a\\u0000b"}, "start": "\\u0000"}',
    "UTF-16 BOM": "\ufeff{}".encode("utf-16"),
    "invalid UTF-8": b'{"answers": "\xff\xfe"}',
    "array for object": b"[1, 2, 3]",
    "null": b"null",
    "string": b'"answers"',
}


def _booking_token(notifications_app: Flask) -> str:
    scored = scored_event()
    add_company(engine_of(notifications_app), None, scored)
    now = datetime.now(UTC)
    return signed_tokens.sign(
        BOOKING_LINKS.keys,
        BOOKING_PURPOSE,
        str(scored.data["assessment_id"]),
        issued_at=now,
        expires_at=now + timedelta(days=1),
    )


@pytest.mark.parametrize(("service", "method", "path", "content_type"), _OVERSIZED)
def test_a_body_over_the_limit_gets_413_with_a_clear_message(
    all_apps: dict[str, Flask], service: str, method: str, path: str, content_type: str
):
    app = all_apps[service]
    client = app.test_client()
    if "{token}" in path:
        path = path.format(token=_booking_token(app))

    response = client.open(path, method=method, data=TOO_BIG, content_type=content_type)

    assert response.status_code == 413
    assert response.content_type == "application/problem+json"
    assert "1 MiB" in response.json["detail"]


def test_a_form_over_the_limit_with_its_csrf_token_gets_413(notifications_app: Flask):
    client = notifications_app.test_client()
    token = csrf_token(client, "/desk/login")
    data = {"csrf_token": token, "email": "a@b.example", "password": "x" * (MAX_REQUEST_BYTES)}

    response = client.post("/desk/login", data=data)

    assert response.status_code == 413
    assert response.content_type == "application/problem+json"


def _json_endpoints(app: Flask) -> list[tuple[str, str]]:
    """(method, rule) of every API route that takes a body."""
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods & {"POST", "PUT", "PATCH"}
    )


def _send_everywhere(client: FlaskClient, app: Flask, headers: dict, ids: dict, body: bytes):
    answers = {}
    for method, rule in _json_endpoints(app):
        path = rule
        for name, value in ids.items():
            path = path.replace(f"<{name}>", value)
        response = client.open(
            path, method=method, data=body, content_type="application/json", headers=headers
        )
        answers[f"{method} {rule}"] = response
    return answers


@pytest.mark.parametrize("body", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_gets_400_or_422_on_every_assessment_endpoint(
    assessment_app: Flask, body: bytes
):
    client = assessment_app.test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    assert {"POST /api/v1/assessments", "PUT /api/v1/assessments/<assessment_id>/answers"} <= {
        f"{m} {r}" for m, r in _json_endpoints(assessment_app)
    }

    answers = _send_everywhere(
        client, assessment_app, bearer(started["token"]), {"assessment_id": started["id"]}, body
    )

    for endpoint, response in answers.items():
        if endpoint.endswith("/submit"):  # takes no body: it scores what was saved
            assert response.status_code in {200, 422}, endpoint
            continue
        if endpoint.endswith("/current-version"):  # takes no body: a current draft stays
            assert response.status_code == 200, endpoint
            continue
        assert response.status_code in {400, 415, 422}, (endpoint, response.status_code)
        assert response.content_type == "application/problem+json", endpoint


@pytest.mark.parametrize("body", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_gets_400_or_422_on_every_booking_endpoint(
    notifications_app: Flask, body: bytes
):
    client = notifications_app.test_client()
    token = _booking_token(notifications_app)
    meeting_id = "00000000-0000-0000-0000-000000000001"

    answers = _send_everywhere(
        client, notifications_app, bearer(token), {"meeting_id": meeting_id}, body
    )

    assert answers
    for endpoint, response in answers.items():
        assert response.status_code in {400, 404, 415, 422}, (endpoint, response.status_code)
        assert response.content_type == "application/problem+json", endpoint
