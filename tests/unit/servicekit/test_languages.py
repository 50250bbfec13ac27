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
    app.config["MAX_CONTENT_LENGTH"] = 1024
    languages.install_languages(app, "any")

    @app.get("/page")
    def page() -> str:
        return render_template_string(PAGE)

    @app.post("/form")
    def form() -> str:
        return render_template_string(PAGE, text=request.form.get("text"))

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


def test_a_form_says_its_language_and_a_body_over_the_limit_is_refused_unread(client):
    assert client.post("/form", data={"lang": "nl"}).headers["Content-Language"] == "nl"

    refused = client.post(
        "/form?lang=en", data={"lang": "nl", "text": "x" * 2048}, headers={"Accept-Language": "de"}
    )

    assert refused.status_code == 413
    assert refused.headers["Content-Language"] == "en"
