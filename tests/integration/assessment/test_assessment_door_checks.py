"""Names and addresses the mail layer would refuse, sent to both doors of the assessment (the
JSON API and the start page): refused with a clear 422, nothing stored, and on the page
everything else that was typed is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from assessment_pages_helpers import start_through_pages
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select

from assessment.adapters.tables import assessments, companies

REFUSED_ADDRESSES = ["jürgen@müller.example", '"\x07x"@example.com', "x@y.example,victim"]
HIDDEN_CHARACTERS = ["\u202e", "\u200b", "\u2028"]
NAME_FIELDS = [("company", "name", "company.name"), ("contact", "name", "company.contact_name")]

API_ADDRESS = (
    "Please enter an e-mail address we can send to: one address like name@example.org, "
    "in ASCII letters only (no umlauts)."
)
API_NAME = (
    "Please use one line of visible text: no control characters, line breaks or "
    "invisible formatting characters (such as U+202E or U+200B)."
)
PAGE_ADDRESS = {
    "de": "Bitte eine E-Mail-Adresse, an die wir senden können: eine einzige Adresse wie "
    "name@example.org, nur ASCII-Zeichen (keine Umlaute).",
    "en": API_ADDRESS,
}
PAGE_NAME = {
    "de": "Bitte nur eine Zeile sichtbaren Text: ohne Steuerzeichen, Zeilenumbrüche und "
    "unsichtbare Formatierungszeichen (wie U+202E oder U+200B).",
    "en": API_NAME,
}


def _nothing_stored(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(assessments)).scalar() == 0
        assert connection.execute(select(func.count()).select_from(companies)).scalar() == 0


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_the_api_refuses_an_address_the_mail_layer_refuses(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine, address: str
):
    start_body["contact"]["email"] = address

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.json["errors"] == {"contact": {"email": [API_ADDRESS]}}
    _nothing_stored(engine)


@pytest.mark.parametrize("hidden", HIDDEN_CHARACTERS)
@pytest.mark.parametrize(("part", "field", "_item"), NAME_FIELDS)
def test_the_api_refuses_reversing_invisible_and_separator_characters_in_names(
    client: FlaskClient,
    start_body: dict[str, Any],
    engine: Engine,
    part: str,
    field: str,
    _item: str,
    hidden: str,
):
    start_body[part][field] = f"Muster{hidden}HbmG"

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert response.json["errors"] == {part: {field: [API_NAME]}}
    _nothing_stored(engine)


@pytest.mark.parametrize(("part", "field", "_item"), NAME_FIELDS)
def test_the_api_refuses_a_blank_name(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine, part: str, field: str, _item
):
    start_body[part][field] = " "

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert response.json["errors"] == {part: {field: ["Please enter a text, not only spaces."]}}
    _nothing_stored(engine)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_the_start_page_refuses_the_address_and_keeps_the_rest(
    client: FlaskClient, engine: Engine, address: str, language: str
):
    response = start_through_pages(client, lang=language, **{"company.contact_email": address})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert PAGE_ADDRESS[language] in text
    assert 'value="Muster Präzisionsteile GmbH"' in text
    assert 'value="Erika Muster"' in text
    _nothing_stored(engine)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("hidden", HIDDEN_CHARACTERS)
@pytest.mark.parametrize(("_part", "_field", "item_id"), NAME_FIELDS)
def test_the_start_page_refuses_hidden_characters_in_names(
    client: FlaskClient, engine: Engine, _part, _field, item_id: str, hidden: str, language: str
):
    response = start_through_pages(client, lang=language, **{item_id: f"Muster{hidden}HbmG"})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert PAGE_NAME[language] in text
    assert 'value="erika.muster@example.com"' in text
    _nothing_stored(engine)
