"""Every route of the advisor desk, walked as anonymous, as an advisor and as an admin.

ACCESS names the rule of every desk route; a new route without an entry fails the first
test, so no view reaches production without someone deciding who may call it. The walk then
checks each rule for real: anonymous → the login page; an advisor on another advisor's
company or calendar → 404 (it does not learn that it exists); an advisor on admin pages →
403; an admin everywhere. Every POST carries the session's CSRF token, and without it every
form of every service is refused before the view runs.
"""

from __future__ import annotations

import uuid

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from security_helpers import (
    BOOKING_LINKS,
    PASSWORD,
    add_account,
    add_company,
    engine_of,
    log_in,
    service_settings,
)
from sqlalchemy import select, update
from testkit.events import scored_event
from testkit.web import csrf_token

from assessment.testing import START_BODY
from notifications.adapters.tables import advisors
from notifications.web import create_app as create_notifications_app
from servicekit.web import ENGINE_EXTENSION

PUBLIC, LOGIN, OWN_OBJECT, ADMIN = "public", "login", "own object", "admin"

# (method, rule) → who may use it. OWN_OBJECT: any advisor, but only on their own object.
ACCESS = {
    ("GET", "/desk/login"): PUBLIC,
    ("POST", "/desk/login"): PUBLIC,
    ("POST", "/desk/logout"): PUBLIC,
    ("POST", "/desk/language"): PUBLIC,
    ("GET", "/desk/"): LOGIN,
    ("GET", "/desk/meetings"): LOGIN,
    ("GET", "/desk/mails"): LOGIN,
    ("GET", "/desk/availability"): LOGIN,
    ("POST", "/desk/availability"): LOGIN,
    ("POST", "/desk/availability/days"): LOGIN,
    ("POST", "/desk/availability/days/<day>/delete"): LOGIN,
    ("GET", "/desk/companies/<assessment_id>"): OWN_OBJECT,
    ("GET", "/desk/advisors/<advisor_id>/availability"): OWN_OBJECT,
    ("POST", "/desk/advisors/<advisor_id>/availability"): OWN_OBJECT,
    ("POST", "/desk/advisors/<advisor_id>/availability/days"): OWN_OBJECT,
    ("POST", "/desk/advisors/<advisor_id>/availability/days/<day>/delete"): OWN_OBJECT,
    ("POST", "/desk/companies/<assessment_id>/advisor"): ADMIN,
    ("GET", "/desk/advisors"): ADMIN,
    ("GET", "/desk/advisors/new"): ADMIN,
    ("POST", "/desk/advisors/new"): ADMIN,
    ("GET", "/desk/advisors/<advisor_id>"): ADMIN,
    ("POST", "/desk/advisors/<advisor_id>"): ADMIN,
    ("GET", "/desk/companies/<assessment_id>/privacy"): ADMIN,
    ("POST", "/desk/companies/<assessment_id>/privacy/links"): ADMIN,
    ("POST", "/desk/companies/<assessment_id>/privacy/erasure"): ADMIN,
    ("GET", "/desk/callbacks"): ADMIN,
    ("POST", "/desk/callbacks/<request_id>/done"): ADMIN,
    ("GET", "/desk/funding-reviews"): ADMIN,
}


def _desk_routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/desk")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


@pytest.fixture
def desk(notifications_app: Flask) -> dict:
    """Two advisors with a company each, and an admin."""
    engine = engine_of(notifications_app)
    bea_id, bea = add_account(engine, "Bea Berater")
    carl_id, _ = add_account(engine, "Carl Kollege")
    _, admin = add_account(engine, "Ada Admin", role="admin")
    return {
        "bea": bea,
        "admin": admin,
        "bea_company": add_company(engine, bea_id, scored_event()),
        "carl_id": carl_id,
        "carl_company": add_company(engine, carl_id, scored_event()),
    }


def _walk(client: FlaskClient, desk: dict, *, csrf: str | None) -> dict:
    """Each desk route, on Carl's objects, with a CSRF token on POSTs; returns the answers.
    Not the logout, which would end the walk's session (test_desk_login covers it)."""
    answers = {}
    for method, rule in sorted(ACCESS):
        if rule == "/desk/logout":
            continue
        path = (
            rule.replace("<assessment_id>", str(desk["carl_company"]))
            .replace("<advisor_id>", str(desk["carl_id"]))
            .replace("<day>", "2030-01-07")
            .replace("<request_id>", str(uuid.uuid4()))
        )
        data = {"csrf_token": csrf} if method == "POST" and csrf else None
        response = client.open(path, method=method, data=data)
        answers[(method, rule)] = response
    return answers


def test_every_desk_route_has_an_access_rule(notifications_app: Flask):
    assert _desk_routes(notifications_app) == set(ACCESS)


def test_anonymous_callers_are_sent_to_the_login(notifications_app: Flask, desk: dict):
    client = notifications_app.test_client()
    csrf = csrf_token(client, "/desk/login")

    for (method, rule), response in _walk(client, desk, csrf=csrf).items():
        sent_to_login = response.status_code == 302 and "/desk/login" in response.location
        assert sent_to_login == (ACCESS[(method, rule)] != PUBLIC), (method, rule)


def test_an_advisor_gets_404_on_others_objects_and_403_on_admin_pages(
    notifications_app: Flask, desk: dict
):
    client = notifications_app.test_client()
    log_in(client, desk["bea"])
    csrf = csrf_token(client, "/desk/")

    for (method, rule), response in _walk(client, desk, csrf=csrf).items():
        expected = {OWN_OBJECT: {404}, ADMIN: {403}}.get(ACCESS[(method, rule)])
        if expected is None:
            assert response.status_code < 400 or response.status_code == 422, (method, rule)
        else:
            assert response.status_code in expected, (method, rule, response.status_code)

    # The advisor's own company opens; the logged-in session was kept through the walk.
    assert client.get(f"/desk/companies/{desk['bea_company']}").status_code == 200


def test_an_admin_may_use_every_route_and_sees_every_company(notifications_app: Flask, desk: dict):
    client = notifications_app.test_client()
    log_in(client, desk["admin"])
    csrf = csrf_token(client, "/desk/")
    # Before the walk, whose erasure request may remove Carl's company.
    for company in ("bea_company", "carl_company"):
        assert client.get(f"/desk/companies/{desk[company]}").status_code == 200

    for (method, rule), response in _walk(client, desk, csrf=csrf).items():
        if ACCESS[(method, rule)] == PUBLIC or rule.endswith(("/delete", "/done")):
            continue  # deleting a day nobody added, or closing a request nobody made, is 404
        assert response.status_code not in {401, 403, 404, 500}, (method, rule)
        assert "/desk/login" not in (response.location or ""), (method, rule)


def test_every_form_post_of_every_service_without_csrf_token_is_refused(
    all_apps: dict[str, Flask], desk: dict
):
    assessment = all_apps["assessment"].test_client()
    started = assessment.post("/api/v1/assessments", json=START_BODY).json
    assessment.get(f"/resume/{started['id']}/{started['token']}")
    notifications = all_apps["notifications"].test_client()
    log_in(notifications, desk["admin"])
    clients = {"assessment": assessment, "notifications": notifications}
    values = {
        "<assessment_id>": started["id"],
        "<dimension_id>": "strategy",
        "<advisor_id>": str(desk["carl_id"]),
        "<day>": "2030-01-07",
        "<token>": "any",
        "<uuid:meeting_id>": "00000000-0000-0000-0000-000000000001",
    }
    refused = []
    for service, client in clients.items():
        app = all_apps[service]
        for rule in app.url_map.iter_rules():
            if "POST" not in rule.methods or rule.rule.startswith("/api/"):
                continue
            path = rule.rule
            for name, value in values.items():
                path = path.replace(name, value)
            response = client.post(path, data={"email": "x@y.example", "password": "x"})
            assert response.status_code == 400, (service, rule.rule, response.status_code)
            refused.append(rule.rule)

    assert len(refused) >= 10
    # Nothing changed: the assessment is still a draft without answers, nobody logged out.
    assert assessment.get(f"/api/v1/assessments/{started['id']}/result").status_code in {401}
    assert notifications.get("/desk/advisors").status_code == 200


def test_session_cookie_flags_and_a_fresh_session_at_login(service_database):
    app = create_notifications_app(
        service_settings(
            "notifications", service_database("notifications"), "https://desk.example"
        ),
        BOOKING_LINKS,
    )
    _, email = add_account(engine_of(app), "Bea Berater")
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by whoever prepared this browser"

    log_in(client, email)

    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.secure
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    with client.session_transaction() as session:
        assert "planted" not in session
    app.extensions[ENGINE_EXTENSION].dispose()


def test_passwords_are_stored_as_argon2id_hashes(notifications_app: Flask, desk: dict):
    with engine_of(notifications_app).connect() as connection:
        hashes = connection.execute(select(advisors.c.password_hash)).scalars().all()

    assert len(hashes) == 3
    assert all(value.startswith("$argon2id$") for value in hashes)


def test_a_hash_made_with_older_argon2_parameters_is_upgraded_at_the_next_login(
    notifications_app: Flask, desk: dict
):
    engine = engine_of(notifications_app)
    weaker = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    bea = advisors.c.email == desk["bea"]
    with engine.begin() as connection:
        connection.execute(update(advisors).where(bea).values(password_hash=weaker.hash(PASSWORD)))

    log_in(notifications_app.test_client(), desk["bea"])

    with engine.connect() as connection:
        upgraded = connection.execute(select(advisors.c.password_hash).where(bea)).scalar_one()
    current = PasswordHasher()
    assert not current.check_needs_rehash(upgraded)
    assert current.verify(upgraded, PASSWORD)
    log_in(notifications_app.test_client(), desk["bea"])  # and the password still opens it
