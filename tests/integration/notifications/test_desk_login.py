"""Logging in to the desk: argon2 passwords, one answer for every wrong login, a login
limit that holds in the database, CSRF on every form, and sessions that end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from notifications_desk_helpers import PASSWORD, account, advisor_id_of, log_in
from sqlalchemy import Engine, update
from testkit.web import csrf_token, stylesheet_url

from notifications.adapters.advisor_store import set_password
from notifications.adapters.tables import advisors
from servicekit.app_clock import pin_clock

INGRESS = "10.42.0.7"  # the ingress controller's pod: the peer of every request behind it

WRONG = "E-Mail-Adresse oder Passwort ist falsch."
# The app's clock in the tests that read the wait: every failure in the same instant.
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_an_advisor_logs_in_and_out(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")

    logged_in = log_in(desk_client, email.upper())  # addresses compare case-blind

    assert logged_in.status_code == 302
    assert logged_in.location == "/desk/"
    page = desk_client.get("/desk/").get_data(as_text=True)
    assert "Meine Unternehmen" in page
    assert "Katrin Weiss" in page
    token = csrf_token(desk_client, "/desk/")
    assert desk_client.post("/desk/logout", data={"csrf_token": token}).status_code == 302
    assert desk_client.get("/desk/").location.startswith("/desk/login")


def test_a_page_asked_for_before_login_opens_after_it(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")

    asked = desk_client.get("/desk/meetings")
    assert asked.status_code == 302
    token = csrf_token(desk_client, asked.location)
    response = desk_client.post(
        asked.location, data={"csrf_token": token, "email": email, "password": PASSWORD}
    )

    assert response.location == "/desk/meetings"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/desk/", "/other"])
def test_login_never_redirects_out_of_the_desk(
    desk_client: FlaskClient, engine: Engine, target: str
):
    email = account(engine, "Katrin Weiss")
    token = csrf_token(desk_client, "/desk/login")

    response = desk_client.post(
        "/desk/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": email, "password": PASSWORD},
    )

    assert response.location == "/desk/"


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
    desk_client: FlaskClient, engine: Engine
):
    email = account(engine, "Katrin Weiss")

    wrong = log_in(desk_client, email, "not the password")
    unknown = log_in(desk_client, "nobody@cluster.example")

    for response in (wrong, unknown):
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)
    assert desk_client.get("/desk/").status_code == 302  # still logged out


def test_an_inactive_account_cannot_log_in(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss", active=False)

    assert WRONG in log_in(desk_client, email).get_data(as_text=True)


def test_five_failures_lock_the_address_from_that_ip_for_a_while(
    desk_client: FlaskClient, engine: Engine
):
    pin_clock(desk_client.application, NOW)
    email = account(engine, "Katrin Weiss")
    other = account(engine, "Bernd Hof")
    for _ in range(5):
        assert log_in(desk_client, email, "guessing").status_code == 200

    locked = log_in(desk_client, email)  # even the right password now waits

    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "900"
    assert "Zu viele Fehlversuche. Bitte warten Sie 15 Minuten" in locked.get_data(as_text=True)
    assert desk_client.get("/desk/").status_code == 302
    # Another address from the same place is not locked by these failures.
    assert log_in(desk_client, other).status_code == 302


def test_the_wait_counts_down_and_the_address_opens_again_when_it_is_over(
    desk_client: FlaskClient, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    pin_clock(desk_client.application, NOW)
    for _ in range(5):
        log_in(desk_client, email, "guessing")

    pin_clock(desk_client.application, NOW + timedelta(minutes=10))
    locked = log_in(desk_client, email)
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "300"
    assert "Bitte warten Sie 5 Minuten" in locked.get_data(as_text=True)
    pin_clock(desk_client.application, NOW + timedelta(minutes=14, seconds=30))
    assert "Bitte warten Sie eine Minute" in log_in(desk_client, email).get_data(as_text=True)

    pin_clock(desk_client.application, NOW + timedelta(minutes=15))
    assert log_in(desk_client, email).status_code == 302


def test_the_limit_is_counted_in_the_database_not_in_one_process(booking_app, engine: Engine):
    email = account(engine, "Katrin Weiss")
    # Two browsers stand for two gunicorn workers: both see the same count.
    for client in [booking_app.test_client() for _ in range(5)]:
        log_in(client, email, "guessing")

    assert log_in(booking_app.test_client(), email).status_code == 429


@pytest.fixture
def behind_ingress(booking_app_with: Callable[..., Flask]) -> Flask:
    """The app as deployed on Kubernetes: one trusted proxy hop."""
    return booking_app_with(TRUSTED_PROXY_HOPS="1")


def _browser(app: Flask, peer: str, forwarded_for: str | None = None) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = peer
    if forwarded_for is not None:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def test_behind_the_ingress_the_limit_counts_each_client_not_the_ingress(
    behind_ingress: Flask, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    attacker = _browser(behind_ingress, INGRESS, "203.0.113.66")
    advisor = _browser(behind_ingress, INGRESS, "198.51.100.20")
    for _ in range(5):
        assert log_in(attacker, email, "guessing").status_code == 200

    assert log_in(attacker, email).status_code == 429
    # The same address from another client behind the same ingress is not locked out.
    assert log_in(advisor, email).status_code == 302


def test_a_forged_forwarded_for_without_a_trusted_proxy_changes_nothing(
    booking_app: Flask, engine: Engine
):
    pin_clock(booking_app, NOW)
    email = account(engine, "Katrin Weiss")
    for forged in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        guess = log_in(_browser(booking_app, "203.0.113.66", forged), email, "guessing")
        assert guess.status_code == 200

    locked = log_in(_browser(booking_app, "203.0.113.66", "192.0.2.6"), email)

    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "900"
    # Counted for the address the connection came from, which another client does not share.
    assert log_in(_browser(booking_app, "198.51.100.20", "192.0.2.6"), email).status_code == 302


def test_fifty_failures_from_one_client_lock_it_whatever_the_addresses(
    booking_app: Flask, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    guesser = _browser(booking_app, "203.0.113.66")
    for number in range(50):
        assert log_in(guesser, f"guess-{number}@cluster.example", "guessing").status_code == 200

    assert log_in(guesser, email).status_code == 429
    # Another client is not affected by these failures.
    assert log_in(_browser(booking_app, "198.51.100.20"), email).status_code == 302


def test_a_successful_login_forgets_earlier_failures(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")
    for _ in range(4):
        log_in(desk_client, email, "guessing")
    assert log_in(desk_client, email).status_code == 302
    desk_client.post("/desk/logout", data={"csrf_token": csrf_token(desk_client, "/desk/")})

    for _ in range(4):
        log_in(desk_client, email, "guessing")

    assert log_in(desk_client, email).status_code == 302


def test_forms_without_the_csrf_token_are_refused(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")

    refused = desk_client.post("/desk/login", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 400
    assert desk_client.get("/desk/").status_code == 302

    assert log_in(desk_client, email).status_code == 302
    forged = desk_client.post("/desk/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 400
    assert desk_client.get("/desk/").status_code == 200  # still logged in
    week = desk_client.post("/desk/availability", data={"week-day_0": "09:00-12:00"})
    assert week.status_code == 400


def test_the_session_cookie_is_http_only_and_same_site(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")

    response = log_in(desk_client, email)

    cookies = response.headers.getlist("Set-Cookie")
    assert any("HttpOnly" in c and "SameSite=Lax" in c for c in cookies), cookies


def test_deactivating_an_account_or_changing_its_password_ends_its_sessions(
    booking_app, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    first, second = booking_app.test_client(), booking_app.test_client()
    log_in(first, email)
    log_in(second, email)

    with engine.begin() as connection:
        set_password(connection, advisor_id_of(engine, email), "another long password")
    assert first.get("/desk/").status_code == 302

    with engine.begin() as connection:
        connection.execute(update(advisors).values(active=False))
    assert second.get("/desk/").status_code == 302


@pytest.mark.parametrize("path", ["/desk/login", "/desk/", stylesheet_url()])
def test_desk_pages_send_the_security_headers(desk_client: FlaskClient, engine: Engine, path: str):
    if path != "/desk/login":
        log_in(desk_client, account(engine, "Katrin Weiss"))

    response = desk_client.get(path)
    response.close()

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if path.startswith("/desk/"):
        assert response.headers["Cache-Control"] == "no-store"
        assert "<script" not in response.get_data(as_text=True)
