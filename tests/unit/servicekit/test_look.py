"""The one look as servicekit gives it to every app: the stylesheet under an address that
changes with its content, kept by browsers for a year; error pages for people in their
language, problem details for programs; no inline style in any page template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask, abort
from sqlalchemy import create_engine
from testkit.web import BROWSER, STYLESHEET, stylesheet_url

from servicekit import look
from servicekit.languages import install_languages
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app

ROOT = Path(__file__).parents[3]
NO_INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
INTERNAL_DETAIL = "the ledger at row 42 disagrees"  # what only the log may say


def _app() -> Flask:
    settings = ServiceSettings.from_env(
        "reporting", {"REPORTING_DATABASE_URL": "sqlite://", "SECRET_KEY": "look-test"}
    )
    app = create_service_app("look_test", settings, create_engine("sqlite://"))
    install_languages(app)

    @app.get("/fails")
    def fails() -> str:
        raise RuntimeError(INTERNAL_DETAIL)

    return app


@pytest.fixture
def app() -> Flask:
    return _app()


def test_the_stylesheet_is_served_under_its_hash_for_a_year(app: Flask):
    response = app.test_client().get(stylesheet_url())

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.data == STYLESHEET.read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_another_hash_is_not_the_stylesheet(app: Flask):
    response = app.test_client().get("/static/look/wegweiser.0123456789abcdef.css")

    assert response.status_code == 404
    assert "max-age" not in response.headers.get("Cache-Control", "")


def test_a_changed_stylesheet_gets_a_new_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    changed = tmp_path / "wegweiser.css"
    changed.write_bytes(STYLESHEET.read_bytes() + b"\n.new-rule { color: #00594f; }\n")
    monkeypatch.setattr(look, "STYLESHEET", changed)
    client = _app().test_client()

    page = client.get("/nowhere", headers={"Accept": BROWSER}).text

    assert stylesheet_url(changed) != stylesheet_url()
    assert f'<link rel="stylesheet" href="{stylesheet_url(changed)}">' in page
    assert client.get(stylesheet_url(changed)).data == changed.read_bytes()
    assert client.get(stylesheet_url()).status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "language", "heading"),
    [
        ("de-DE,de;q=0.9", "de", "Seite nicht gefunden"),
        ("en-GB,en;q=0.9", "en", "Page not found"),
        ("nl-NL,nl;q=0.9", "nl", "Pagina niet gevonden"),
        ("fr-FR,fr;q=0.9", "de", "Seite nicht gefunden"),  # a language we do not write: German
    ],
)
def test_a_browser_gets_a_page_in_its_language(
    app: Flask, accept_language: str, language: str, heading: str
):
    response = app.test_client().get(
        "/nowhere", headers={"Accept": BROWSER, "Accept-Language": accept_language}
    )

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert response.headers["Content-Language"] == language
    page = response.text
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f'<link rel="stylesheet" href="{stylesheet_url()}">' in page
    assert not NO_INLINE_STYLE.search(page)


@pytest.mark.parametrize("accept", ["application/json", "*/*", None])
def test_a_program_keeps_getting_problem_details(app: Flask, accept: str | None):
    response = app.test_client().get("/nowhere", headers={"Accept": accept} if accept else {})

    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 404
    assert response.json["title"] == "Not Found"


def test_the_json_api_speaks_problem_details_to_a_browser_too(app: Flask):
    response = app.test_client().get("/api/v1/nothing", headers={"Accept": BROWSER})

    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_a_fault_is_a_page_without_a_traceback(app: Flask):
    client = app.test_client()

    page = client.get("/fails", headers={"Accept": BROWSER, "Accept-Language": "nl"})
    problem = client.get("/fails", headers={"Accept": "application/json"})

    assert page.status_code == 500
    assert page.mimetype == "text/html"
    assert "<h1>Er is iets misgegaan</h1>" in page.text
    assert "Traceback" not in page.text
    assert INTERNAL_DETAIL not in page.text
    assert problem.status_code == 500
    assert problem.content_type == "application/problem+json"
    assert INTERNAL_DETAIL not in problem.text


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (403, "Zugriff verweigert"),
        (410, "Diese Seite ist nicht mehr verfügbar"),
        (413, "Zu viele Daten"),
        (429, "Zu viele Anfragen"),
        (405, "Das hat nicht geklappt"),  # any other: said generally, with its number
    ],
)
def test_each_error_a_person_may_meet_has_its_page(app: Flask, status: int, heading: str):
    @app.get("/status")
    def answer() -> str:
        abort(status)

    client = app.test_client()
    response = client.get("/status", headers={"Accept": BROWSER, "Accept-Language": "de"})

    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in response.text


def test_no_page_template_styles_inline():
    """The CSP allows no inline style: a page needs a rule, the shared stylesheet gets it.
    Mails and the PDF are no pages a browser shows under the CSP, and are not looked at."""
    templates = [
        path
        for path in [
            *ROOT.glob("libs/*/src/*/templates/**/*.html"),
            *ROOT.glob("services/*/src/*/templates/**/*.html"),
        ]
        if {"mail", "documents"}.isdisjoint(path.parts)
    ]

    assert len(templates) > 30
    assert [str(path) for path in templates if NO_INLINE_STYLE.search(path.read_text())] == []
