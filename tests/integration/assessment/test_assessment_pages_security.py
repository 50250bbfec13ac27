"""The pages' security: the resume link on another device, the token out of URLs and
Referer headers, CSRF refusal, security headers, autoescaping, config of the booking link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from assessment_api_helpers import BOOKING_LINK_SECRET
from assessment_pages_helpers import (
    assessment_id_of,
    post_step,
    profile_form,
    resume_link,
    start_through_pages,
)
from flask import Flask
from flask.testing import FlaskClient
from testkit.web import csrf_token, stylesheet_url

from assessment.config import AssessmentConfig
from servicekit.settings import SettingsError


def _started(client: FlaskClient, **changes: str | None) -> str:
    created = start_through_pages(client, **changes)
    assert created.status_code == 303
    return assessment_id_of(created.headers["Location"])


def test_the_resume_link_opens_the_check_on_another_device(app: Flask) -> None:
    laptop, phone = app.test_client(), app.test_client()
    assessment_id = _started(laptop)
    post_step(laptop, assessment_id, "market", {"market.price_pressure": 5}, action="save")
    link = resume_link(laptop.get(f"/a/{assessment_id}/step/market"))

    # Without the link the other device sees nothing (and is not told whether it exists).
    assert phone.get(f"/a/{assessment_id}/step/market").status_code == 404

    opened = phone.get(link.removeprefix("http://testserver"))
    assert opened.status_code == 303
    assert opened.headers["Location"] == f"/a/{assessment_id}"  # token-free from here on
    onward = phone.get(opened.headers["Location"])
    assert onward.headers["Location"] == f"/a/{assessment_id}/step/portfolio"
    page = phone.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)
    assert re.search(r'id="market.price_pressure-5"[^>]*checked', page)
    # The other device continues and saves.
    saved = post_step(phone, assessment_id, "market", {"market.price_pressure": 2}, "save")
    assert saved.status_code == 303


def test_the_resume_link_in_the_api_form_works_too(client: FlaskClient, app: Flask) -> None:
    started = client.post(
        "/api/v1/assessments",
        json={
            "language": "en",
            "company": {"name": "API GmbH", "employees": "lt50", "district": "bamberg_stadt"},
            "contact": {"name": "A", "email": "a@example.com"},
            "consents": {"processing": True, "advisor_sharing": False, "benchmarking": False},
        },
    ).json
    browser = app.test_client()

    opened = browser.get(started["resume_url"].removeprefix("http://testserver"))

    assert opened.status_code == 303
    assert "token" not in opened.headers["Location"]
    page = browser.get(f"/a/{started['id']}/step/portfolio")
    assert page.status_code == 200
    assert '<html lang="en">' in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/resume/{id}/wrong-token",
        "/resume/{id}?token=wrong",
        "/resume/{id}",
        "/resume/not-a-uuid/token",
        "/a/{id}/review",
        "/a/not-a-uuid/result",
    ],
)
def test_a_wrong_or_missing_token_opens_nothing(app: Flask, path: str) -> None:
    assessment_id = _started(app.test_client())

    response = app.test_client().get(path.format(id=assessment_id))

    assert response.status_code == 404
    assert "Dieser Link öffnet keinen Check" in response.get_data(as_text=True)


def test_an_unknown_dimension_is_not_found(client: FlaskClient) -> None:
    assessment_id = _started(client)
    assert client.get(f"/a/{assessment_id}/step/company").status_code == 404
    assert client.get(f"/a/{assessment_id}/step/nothing").status_code == 404


def test_the_resume_link_is_on_every_page_in_a_copyable_field(client: FlaskClient) -> None:
    assessment_id = _started(client)
    for path in ("company", "step/portfolio", "step/finance", "review"):
        text = client.get(f"/a/{assessment_id}/{path}").get_data(as_text=True)
        assert '<label for="resume-link">' in text
        assert re.search(r'<input id="resume-link" class="resume-link" type="text" readonly', text)


def test_state_changes_need_post(client: FlaskClient) -> None:
    assessment_id = _started(client)
    assert client.get(f"/a/{assessment_id}/submit").status_code == 405
    # GET of a page saves nothing: the page shows what was saved before.
    client.get(f"/a/{assessment_id}/step/market?market.price_pressure=5")
    page = client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)
    assert not re.search(r'id="market.price_pressure-5"[^>]*checked', page)


def test_forms_without_the_csrf_token_are_refused(client: FlaskClient) -> None:
    refused = client.post("/start", data=profile_form())
    assert refused.status_code == 400
    assert "Bitte erneut senden" in refused.get_data(as_text=True)

    assessment_id = _started(client)
    step = client.post(
        f"/a/{assessment_id}/step/market", data={"market.price_pressure": "5", "action": "save"}
    )
    assert step.status_code == 400
    page = client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)
    assert not re.search(r'id="market.price_pressure-5"[^>]*checked', page)

    forged = client.post(f"/a/{assessment_id}/submit", data={"csrf_token": "forged"})
    assert forged.status_code == 400
    assert client.get(f"/a/{assessment_id}/result").status_code == 303  # still a draft


def test_a_csrf_token_of_another_browser_is_refused(app: Flask) -> None:
    attacker, victim = app.test_client(), app.test_client()
    token = csrf_token(attacker, "/start")
    assessment_id = _started(victim)

    response = victim.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})

    assert response.status_code == 400


def test_the_json_api_needs_no_csrf_token(client: FlaskClient, start_body: dict[str, Any]) -> None:
    assert client.post("/api/v1/assessments", json=start_body).status_code == 201


@pytest.mark.parametrize("page", ["/", "/start", "/step", "/review", "/nothing", "/static"])
def test_every_page_sends_the_security_headers(client: FlaskClient, page: str) -> None:
    assessment_id = _started(client)
    path = {
        "/step": f"/a/{assessment_id}/step/portfolio",
        "/review": f"/a/{assessment_id}/review",
        "/nothing": "/resume/00000000-0000-0000-0000-000000000000/x",
        "/static": stylesheet_url(),
    }.get(page, page)

    response = client.get(path)
    response.close()  # a static file is streamed from an open file

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if page != "/static":
        assert response.headers["Cache-Control"] == "no-store"
        assert "<script" not in response.get_data(as_text=True)
    else:
        assert response.status_code == 200


def test_the_session_cookie_is_http_only_and_same_site(client: FlaskClient) -> None:
    created = start_through_pages(client)
    cookies = created.headers.getlist("Set-Cookie")
    assert any("HttpOnly" in c and "SameSite=Lax" in c for c in cookies), cookies


def test_company_names_and_typed_values_render_inert(client: FlaskClient) -> None:
    evil = '<script>alert("x")</script>'
    refused = start_through_pages(
        client, **{"company.name": evil, "company.consent_processing": None}
    )
    assert evil not in refused.get_data(as_text=True)
    assert "&lt;script&gt;alert(" in refused.get_data(as_text=True)

    assessment_id = _started(client, **{"company.name": evil})
    typed = post_step(
        client, assessment_id, "market", {"market.top_customer_share": '"><script>x()</script>'}
    )
    assert "<script>x()" not in typed.get_data(as_text=True)
    for path in ("company", "review"):
        text = client.get(f"/a/{assessment_id}/{path}").get_data(as_text=True)
        assert evil not in text
        assert "&lt;script&gt;" in text


def test_the_booking_link_comes_from_the_configuration() -> None:
    secret = {"BOOKING_LINK_SECRET": BOOKING_LINK_SECRET}
    config = AssessmentConfig.from_env(
        secret | {"PUBLIC_BASE_URL_NOTIFICATIONS": "https://termine.example/"}
    )
    assert config.booking_links.base_url == "https://termine.example"
    assert AssessmentConfig.from_env(secret).booking_links.base_url == "http://127.0.0.1:8002"
    with pytest.raises(SettingsError, match="PUBLIC_BASE_URL_NOTIFICATIONS"):
        AssessmentConfig.from_env(secret | {"PUBLIC_BASE_URL_NOTIFICATIONS": "javascript:alert(1)"})
    with pytest.raises(SettingsError, match="BOOKING_LINK_SECRET is required"):
        AssessmentConfig.from_env({})
