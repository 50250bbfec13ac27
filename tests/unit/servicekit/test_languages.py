"""The language of a request: the reader's choice, then `lang`, then Accept-Language, then
German; every response says which in Content-Language."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, render_template_string, request
from testkit.catalogues import write_catalogues

from servicekit import languages
from wording.catalogues import Catalogues

PAGE = "{% trans %}Your result{% endtrans %}"


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    locale = write_catalogues(
        tmp_path, {"de": {"Your result": "Ihr Ergebnis"}, "nl": {"Your result": "Uw resultaat"}}
    )
    monkeypatch.setattr(Catalogues, "of_packages", classmethod(lambda cls, *_: cls(locale)))
    app = Flask(__name__)
    languages.install_languages(app, "any")

    @app.get("/page")
    def page() -> str:
        return render_template_string(PAGE)

    @app.get("/chosen/<language>")
    def chosen(language: str) -> str:
        render_template_string(PAGE)  # the language was asked for before the view knew it
        languages.use_language(language)  # type: ignore[arg-type]
        return render_template_string(PAGE)

    return app.test_client()


@pytest.mark.parametrize(
    ("query", "accept", "text", "language"),
    [
        ("", "", "Ihr Ergebnis", "de"),
        ("", "nl-BE,nl;q=0.9,en;q=0.8", "Uw resultaat", "nl"),
        ("", "en-GB,en;q=0.9", "Your result", "en"),
        ("", "fr-FR,fr;q=0.9", "Ihr Ergebnis", "de"),
        ("?lang=en", "nl", "Your result", "en"),
        ("?lang=fr", "nl", "Uw resultaat", "nl"),
        ("?lang=fr", "", "Ihr Ergebnis", "de"),
    ],
)
def test_the_address_then_the_browser_then_german(client, query, accept, text, language):
    response = client.get(f"/page{query}", headers={"Accept-Language": accept} if accept else {})

    assert response.get_data(as_text=True) == text
    assert response.headers["Content-Language"] == language


def test_the_readers_choice_known_to_the_view_wins_over_the_browser(client):
    response = client.get("/chosen/nl", headers={"Accept-Language": "en"})

    assert response.get_data(as_text=True) == "Uw resultaat"
    assert response.headers["Content-Language"] == "nl"


def test_a_refused_oversized_body_still_gets_its_language(client):
    app = client.application
    app.config["MAX_CONTENT_LENGTH"] = 10
    app.add_url_rule("/form", "form", lambda: str(request.form), methods=["POST"])

    response = client.post("/form?lang=nl", data={"padding": "x" * 100})

    assert response.status_code == 413
    assert response.headers["Content-Language"] == "nl"
