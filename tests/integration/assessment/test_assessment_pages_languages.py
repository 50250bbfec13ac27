"""The company pages in the reader's language: a Dutch company reads Dutch from the start page
to its result, the browser's Accept-Language chooses before there is an assessment, an
unknown code gets German, and no Dutch page shows an English text its catalogue translates."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from assessment_pages_helpers import (
    SCORED_DIMENSIONS,
    assessment_id_of,
    post_step,
    start_through_pages,
)
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from testkit.web import csrf_token
from werkzeug.test import TestResponse

from wording.catalogues import locale_directory

# Shorter ids ("Privacy", "Partners", "project") may be the same word in Dutch or part of a
# longer text; the scan is about sentences and labels left in English.
SHORTEST_SCANNED = 12
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")


def _html(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def _start_in_dutch(client: FlaskClient, **changes: str | None) -> str:
    created = start_through_pages(client, lang="nl", **changes)
    assert created.status_code == 303, _html(created)[:2000]
    return assessment_id_of(created.headers["Location"])


def _submit(client: FlaskClient, assessment_id: str) -> TestResponse:
    token = csrf_token(client, f"/a/{assessment_id}/review")
    return client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})


def _submitted_in_dutch(client: FlaskClient, answers: dict[str, Any]) -> str:
    assessment_id = _start_in_dutch(client)
    for dimension in SCORED_DIMENSIONS:
        assert post_step(client, assessment_id, dimension, answers).status_code == 303
    assert _submit(client, assessment_id).status_code == 303
    return assessment_id


def test_a_dutch_company_reads_dutch_from_the_start_to_its_review(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    start = client.get("/?lang=nl")
    text = _html(start)
    assert start.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in text
    assert "<h1>Hoe goed is uw bedrijf voorbereid op de transformatie?</h1>" in text
    assert "Benodigde tijd: ongeveer 20 minuten." in text
    assert 'href="/start?lang=nl">Start de check</a>' in text
    assert 'hreflang="nl" lang="nl" aria-current="page">Nederlands</a>' in text

    profile = _html(client.get("/start?lang=nl"))
    assert '<html lang="nl">' in profile
    assert "Stap 1 van 9" in profile
    assert '<input type="hidden" name="lang" value="nl">' in profile
    assert "<legend>Toestemmingen</legend>" in profile

    assessment_id = _start_in_dutch(client)
    step = client.get(f"/a/{assessment_id}/step/portfolio")
    text = _html(step)
    assert step.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in text
    assert "Stap 2 van 9" in text
    assert "Uw persoonlijke link om verder te gaan" in text
    assert "<span>Waarom wij dit vragen:</span>" in text
    assert ">Opslaan en verder</button>" in text
    assert ">Tussentijds opslaan</button>" in text

    for dimension in SCORED_DIMENSIONS:
        assert post_step(client, assessment_id, dimension, complete_answers).status_code == 303
    review = client.get(f"/a/{assessment_id}/review")
    text = _html(review)
    assert review.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in text
    assert "<h1>Uw antwoorden controleren</h1>" in text
    assert '<h2 id="review-company">Uw bedrijf</h2>' in text
    assert ">Definitief verzenden en laten beoordelen</button>" in text


def test_a_dutch_company_reads_its_result_in_dutch(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    result = client.get(f"/a/{_submitted_in_dutch(client, complete_answers)}/result")
    text = _html(result)
    assert result.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in text
    assert "<h1>Uw resultaat: Muster Präzisionsteile GmbH</h1>" in text
    assert "Uw positie in de matrix" in text
    assert "<dt>Blootstelling (E)</dt>" in text
    assert "Slagvaardigheid per actieveld" in text
    assert "Onze aanbevelingen" in text
    assert "Uw rapport wordt opgesteld." in text
    assert ">Transformatiegesprek inplannen</a>" in text
    assert "Uw gegevens: downloaden of laten verwijderen" in text


def test_the_stored_language_wins_over_the_browsers(client: FlaskClient) -> None:
    assessment_id = _start_in_dutch(client)

    page = client.get(f"/a/{assessment_id}/step/portfolio", headers={"Accept-Language": "de"})

    assert page.headers["Content-Language"] == "nl"
    assert "Stap 2 van 9" in _html(page)


def test_the_browsers_language_chooses_the_start_page(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"})

    assert page.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in _html(page)
    assert "<h1>Hoe goed is uw bedrijf voorbereid op de transformatie?</h1>" in _html(page)
    # The company starts in the language it reads the start page in.
    assert 'href="/start?lang=nl"' in _html(page)


@pytest.mark.parametrize("path", ["/?lang=fr", "/start?lang=fr", "/a/not-a-check?lang=fr"])
def test_an_unknown_language_gets_german(client: FlaskClient, path: str) -> None:
    page = client.get(path)

    assert page.headers["Content-Language"] == "de"
    assert '<html lang="de">' in _html(page)
    assert "Wegweiser Transformations-Check" in _html(page)


# -- no English left on a Dutch page ---------------------------------------------------------


def _translated_ids() -> list[tuple[str, list[str]]]:
    """The catalogue's ids Dutch translates differently, each with its literal parts (the
    text between placeholders) long enough to scan for."""
    path = locale_directory("assessment") / "nl" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as stored:
        catalog = read_po(stored, locale="nl")
    scanned = []
    for message in catalog:
        if not message.id or message.string == message.id:
            continue
        parts = [part.strip() for part in PLACEHOLDER.split(str(message.id))]
        long_parts = [part for part in parts if len(part) >= SHORTEST_SCANNED]
        if long_parts:
            scanned.append((str(message.id), long_parts))
    return scanned


def _dutch_pages(client: FlaskClient) -> Iterator[tuple[str, str]]:
    """Every kind of company page before the result, as a Dutch company sees it."""
    yield "start", _html(client.get("/?lang=nl"))
    yield "profile", _html(client.get("/start?lang=nl"))
    refused = start_through_pages(client, lang="nl", **{"company.contact_email": "no-address"})
    assert refused.status_code == 422
    yield "profile with errors", _html(refused)
    yield "not found", _html(client.get("/a/not-a-check?lang=nl"))
    yield "form expired", _html(client.post("/start", data={"lang": "nl"}))
    assessment_id = _start_in_dutch(client)
    yield "company summary", _html(client.get(f"/a/{assessment_id}/company"))
    yield "step", _html(client.get(f"/a/{assessment_id}/step/portfolio"))
    wrong = post_step(client, assessment_id, "portfolio", {"portfolio.contract_horizon": "soon"})
    assert wrong.status_code == 422
    yield "step with errors", _html(wrong)
    yield "review", _html(client.get(f"/a/{assessment_id}/review"))
    incomplete = _submit(client, assessment_id)
    assert incomplete.status_code == 422
    yield "review with missing answers", _html(incomplete)
    yield "privacy", _html(client.get(f"/a/{assessment_id}/privacy"))
    token = csrf_token(client, f"/a/{assessment_id}/privacy")
    unconfirmed = client.post(f"/a/{assessment_id}/privacy/erasure", data={"csrf_token": token})
    assert unconfirmed.status_code == 422
    yield "privacy without confirmation", _html(unconfirmed)


def _english_left(kind: str, page: str) -> list[str]:
    """The ids of the catalogue a Dutch page shows in English."""
    assert '<html lang="nl">' in page, kind
    text = " ".join(html.unescape(page).split())
    return [message_id for message_id, parts in SCANNED if any(p in text for p in parts)]


SCANNED = _translated_ids()


def test_the_scan_reads_the_real_catalogue() -> None:
    assert len(SCANNED) > 80
    assert ("Save and continue", ["Save and continue"]) in SCANNED
    assert ("Step %(number)s of %(total)s", []) not in SCANNED  # no part is long enough


def test_no_dutch_page_shows_an_english_text_of_the_catalogue(client: FlaskClient) -> None:
    left_in_english = {kind: _english_left(kind, page) for kind, page in _dutch_pages(client)}

    assert {kind: ids for kind, ids in left_in_english.items() if ids} == {}


def test_the_dutch_result_page_shows_no_english_text_of_the_catalogue(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    page = _html(client.get(f"/a/{_submitted_in_dutch(client, complete_answers)}/result"))

    assert _english_left("result", page) == []
