"""The desk in the advisor's language: German unless the browser asks for English or Dutch,
and the language switch in the header, whose choice outlasts the login and the logout."""

from __future__ import annotations

from flask.testing import FlaskClient
from notifications_desk_helpers import account, advisor_id_of, company, log_in
from sqlalchemy import Engine
from testkit.web import csrf_token


def _choose(client: FlaskClient, language: str, on: str = "/desk/login") -> str:
    """Press the language's button in the header of `on`; returns where it led."""
    response = client.post(
        "/desk/language",
        data={"csrf_token": csrf_token(client, on), "language": language, "next": on},
    )
    assert response.status_code == 302
    return response.location


def test_the_desk_is_german_unless_asked_otherwise(desk_client: FlaskClient):
    response = desk_client.get("/desk/login")

    assert response.headers["Content-Language"] == "de"
    assert '<html lang="de">' in response.text
    assert "<h1>Anmelden</h1>" in response.text
    assert '<button type="submit" name="language" value="nl" lang="nl">Nederlands</button>' in (
        response.text
    )


def test_the_browser_s_language_is_taken_until_the_advisor_chooses(desk_client: FlaskClient):
    asked = desk_client.get("/desk/login", headers={"Accept-Language": "nl-BE, nl;q=0.9"})

    assert asked.headers["Content-Language"] == "nl"
    assert "<h1>Aanmelden</h1>" in asked.text


def test_an_unknown_language_is_german(desk_client: FlaskClient):
    response = desk_client.get("/desk/login?lang=xx", headers={"Accept-Language": "fr, it"})

    assert response.headers["Content-Language"] == "de"
    assert '<html lang="de">' in response.text
    assert "<h1>Anmelden</h1>" in response.text
    # A made-up choice from the switch is German as well.
    _choose(desk_client, "klingon")
    assert desk_client.get("/desk/login").headers["Content-Language"] == "de"


def test_a_dutch_advisor_logs_in_and_reads_the_company_list_in_dutch(
    desk_client: FlaskClient, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    company(engine, advisor_id_of(engine, email), "Dringend AG", priority=51.7)

    assert _choose(desk_client, "nl") == "/desk/login"
    login = desk_client.get("/desk/login", headers={"Accept-Language": "de"})
    assert login.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in login.text
    assert "<title>Aanmelden – Wegweiser</title>" in login.text  # noqa: RUF001
    assert '<label for="email">E-mail</label>' in login.text
    assert '<label for="password">Wachtwoord</label>' in login.text
    wrong = log_in(desk_client, email, "not the password")
    assert "Het e-mailadres of het wachtwoord is onjuist." in wrong.text

    log_in(desk_client, email)  # a new session; the choice is the browser's, not the session's
    page = desk_client.get("/desk/").text

    assert '<p class="site-name">Wegweiser · Adviseursportaal</p>' in page
    assert "<h1>Mijn bedrijven</h1>" in page
    assert (
        "<th>Bedrijf</th><th>District</th><th>Klasse</th><th>E</th><th>R</th>\n"
        "  <th>Prioriteit P</th>\n  <th>Rapport</th><th>Gesprek</th>"
    ) in page
    assert "51,7" in page  # Dutch decimals
    assert "51.7" not in page
    assert '<button type="submit">Afmelden</button>' in page


def test_switching_to_english_after_the_login_keeps_the_page(
    desk_client: FlaskClient, engine: Engine
):
    email = account(engine, "Ada Admin", role="admin")
    company(engine, None, "Ohne Freigabe GmbH", priority=45.0)
    log_in(desk_client, email)
    assert "<h1>Alle Unternehmen</h1>" in desk_client.get("/desk/").text

    assert _choose(desk_client, "en", on="/desk/") == "/desk/"
    page = desk_client.get("/desk/")

    assert page.headers["Content-Language"] == "en"
    assert "<h1>All companies</h1>" in page.text
    assert "<th>Responsible</th>" in page.text
    assert "– not assigned –" in page.text  # noqa: RUF001
    assert '<a href="/desk/callbacks">Callback requests</a>' in page.text
    login = desk_client.get("/desk/login?next=/desk/", follow_redirects=True)
    assert "<h1>All companies</h1>" in login.text  # logged in still: the session was kept


def test_the_switch_never_leads_out_of_the_desk(desk_client: FlaskClient):
    for elsewhere in ("https://evil.example/", "//evil.example/desk/", "/book/x"):
        response = desk_client.post(
            "/desk/language",
            data={
                "csrf_token": csrf_token(desk_client, "/desk/login"),
                "language": "en",
                "next": elsewhere,
            },
        )
        assert response.location == "/desk/"
