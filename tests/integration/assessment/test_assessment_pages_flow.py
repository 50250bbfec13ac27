"""The company pages end to end through the Flask test client: start, profile, every
dimension page, review, submit (the two outbox events), result."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from assessment_api_helpers import BOOKING_LINK_SECRET
from assessment_pages_helpers import (
    SCORED_DIMENSIONS,
    assessment_id_of,
    post_step,
    resume_link,
    start_through_pages,
)
from flask.testing import FlaskClient
from sqlalchemy import select, update
from testkit.web import csrf_token

from assessment.adapters.tables import assessments
from eventing.tables import outbox
from servicekit.booking_links import BookingLinks
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION


def _fill_all(client: FlaskClient, assessment_id: str, answers: dict[str, Any]) -> None:
    for index, dimension in enumerate(SCORED_DIMENSIONS):
        response = post_step(client, assessment_id, dimension, answers)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        following = (
            f"/a/{assessment_id}/review"
            if index + 1 == len(SCORED_DIMENSIONS)
            else f"/a/{assessment_id}/step/{SCORED_DIMENSIONS[index + 1]}"
        )
        assert response.headers["Location"] == following


def test_start_page_explains_the_check_in_german_by_default(client: FlaskClient) -> None:
    page = client.get("/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="de">' in text
    assert "20 Minuten" in text
    assert "Datenschutz" in text
    assert 'href="/?lang=en"' in text  # the language switch
    assert 'href="/start?lang=de"' in text


def test_start_page_in_english(client: FlaskClient) -> None:
    text = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in text
    assert "20 minutes" in text
    assert "Privacy" in text
    assert 'href="/start?lang=en"' in text


def test_profile_page_asks_the_company_and_three_consents(client: FlaskClient) -> None:
    text = client.get("/start").get_data(as_text=True)
    assert "Schritt 1 von 9" in text
    for field in (
        "company.name",
        "company.employees",
        "company.district",
        "company.contact_email",
        "company.consent_processing",
        "company.consent_advisor_sharing",
        "company.consent_benchmarking",
    ):
        assert f'name="{field}"' in text
    assert '<label for="company.name">' in text
    assert "<legend>" in text


def test_a_whole_check_through_the_pages(
    client: FlaskClient, app: Any, complete_answers: dict[str, Any]
) -> None:
    created = start_through_pages(client)
    assert created.status_code == 303
    assert created.headers["Location"].endswith("/step/portfolio")
    assessment_id = assessment_id_of(created.headers["Location"])

    first = client.get(created.headers["Location"])
    text = first.get_data(as_text=True)
    assert "Schritt 2 von 9" in text
    assert resume_link(first).startswith(f"http://testserver/resume/{assessment_id}/")

    _fill_all(client, assessment_id, complete_answers)
    review = client.get(f"/a/{assessment_id}/review").get_data(as_text=True)
    assert "Muster Präzisionsteile GmbH" in review
    assert f'href="/a/{assessment_id}/step/market#q-market.price_pressure"' in review
    assert "4 – trifft eher zu" in review  # noqa: RUF001 - the page writes an en dash
    assert "Weiß nicht / keine Angabe" in review  # finance.bank_access

    token = csrf_token(client, f"/a/{assessment_id}/review")
    submitted = client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    assert submitted.status_code == 303
    assert submitted.headers["Location"] == f"/a/{assessment_id}/result"
    result = client.get(f"/a/{assessment_id}/result")
    text = result.get_data(as_text=True)
    assert result.status_code == 200
    assert "Klasse A: Akuter Handlungsbedarf" in text
    assert '<svg class="radar"' in text
    assert '<svg class="matrix"' in text
    assert "Betroffenheit (E)" in text
    assert "Ihr Bericht wird erstellt." in text
    [booking_token] = re.findall(r'href="http://127\.0\.0\.1:8002/book/([^"]+)"', text)
    assert BookingLinks("", SigningKeys(BOOKING_LINK_SECRET)).verify(
        booking_token, datetime.now(UTC)
    ).assessment_id == uuid.UUID(assessment_id)
    assert "Unsere Empfehlungen" in text
    # Each of the five measures (2026.2) says who carries it and how much work it is.
    assert text.count("Verantwortlich: ") == 5
    # Where the company downloads its data or has it erased.
    assert f'href="/a/{assessment_id}/privacy">Ihre Daten: herunterladen oder löschen' in text
    assert client.get(f"/a/{assessment_id}/privacy").status_code == 200
    assert "Förderprogramme" in text
    assert "gültig bis" not in text  # a review date is no end

    with app.extensions[ENGINE_EXTENSION].connect() as connection:
        rows = connection.execute(
            select(outbox.c.event_type).where(outbox.c.message_key == assessment_id)
        ).all()
    assert sorted(row.event_type for row in rows) == ["assessment.scored", "assessment.submitted"]

    # The answers are final: the pages now lead to the result, and a second submit
    # publishes nothing new.
    again = client.get(f"/a/{assessment_id}/step/market")
    assert again.headers["Location"] == f"/a/{assessment_id}/result"
    resubmitted = client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    assert resubmitted.status_code == 303
    with app.extensions[ENGINE_EXTENSION].connect() as connection:
        count = len(
            connection.execute(
                select(outbox.c.seq).where(outbox.c.message_key == assessment_id)
            ).all()
        )
    assert count == 2


def test_an_english_check_shows_an_english_result(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    created = start_through_pages(client, lang="en")
    assessment_id = assessment_id_of(created.headers["Location"])
    _fill_all(client, assessment_id, complete_answers)
    token = csrf_token(client, f"/a/{assessment_id}/review")
    review = client.get(f"/a/{assessment_id}/review").get_data(as_text=True)
    assert "Review your answers" in review
    assert "Don&#39;t know / prefer not to say" in review  # autoescaped apostrophe

    client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    text = client.get(f"/a/{assessment_id}/result").get_data(as_text=True)

    assert '<html lang="en">' in text
    assert "Class A: Urgent action needed" in text
    assert "Readiness by field of action" in text
    assert "Your report is being prepared." in text
    assert "Book a transformation meeting" in text
    assert "Funding programmes" in text


def _submitted_through_pages(client: FlaskClient, answers: dict[str, Any], lang: str) -> str:
    assessment_id = assessment_id_of(start_through_pages(client, lang=lang).headers["Location"])
    _fill_all(client, assessment_id, answers)
    token = csrf_token(client, f"/a/{assessment_id}/review")
    client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    return assessment_id


def _restore_funding(app: Any, assessment_id: str, funding: list[dict[str, Any]]) -> None:
    """The stored result with these funding entries, as an earlier release stored them."""
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        result = connection.execute(
            select(assessments.c.result).where(assessments.c.id == uuid.UUID(assessment_id))
        ).scalar_one()
        result["recommendations"]["funding"] = funding
        connection.execute(
            update(assessments)
            .where(assessments.c.id == uuid.UUID(assessment_id))
            .values(result=result)
        )


FUNDING_ENTRY = {
    "name": "Programm",
    "fit": "passt",
    "rate": "50 %",
    "contact": "Amt",
    "url": "https://foerderung.example",
}


def test_the_result_page_says_what_the_scoring_decided_about_each_programme(
    app: Any, client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    assessment_id = _submitted_through_pages(client, complete_answers, "de")
    dates = {"verified_on": "2026-02-28", "review_by": "2026-12-31", "valid_until": "2026-12-31"}
    _restore_funding(
        app,
        assessment_id,
        [
            FUNDING_ENTRY | dates | {"id": "open", "ends_on": None, "review_overdue": True},
            FUNDING_ENTRY | dates | {"id": "ending", "ends_on": "2026-12-31", "ending_soon": True},
        ],
    )
    text = client.get(f"/a/{assessment_id}/result").get_data(as_text=True)

    assert re.findall(r'<span class="tag">(Stand|läuft)[^<]*</span>', text) == ["Stand", "läuft"]
    assert '<span class="tag">Stand: 28.02.2026</span>' in text
    assert '<span class="tag">läuft am 31.12.2026 aus</span>' in text


def test_a_result_stored_before_the_funding_dates_still_shows_its_programmes(
    app: Any, client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    assessment_id = _submitted_through_pages(client, complete_answers, "en")
    _restore_funding(
        app, assessment_id, [FUNDING_ENTRY | {"id": "old", "valid_until": "2026-12-31"}]
    )
    page = client.get(f"/a/{assessment_id}/result")
    text = page.get_data(as_text=True)

    assert page.status_code == 200
    assert '<a href="https://foerderung.example" rel="noreferrer noopener">Programm</a>' in text
    assert "2026-12-31" not in text  # maybe a review date: no end is claimed


def test_the_charts_place_the_company(
    client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    created = start_through_pages(client)
    assessment_id = assessment_id_of(created.headers["Location"])
    _fill_all(client, assessment_id, complete_answers)
    token = csrf_token(client, f"/a/{assessment_id}/review")
    client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})
    text = client.get(f"/a/{assessment_id}/result").get_data(as_text=True)

    radar = text.split('<svg class="radar"')[1].split("</svg>")[0]
    assert radar.count('class="spoke"') == 6  # the six readiness dimensions
    assert radar.count('class="dot"') == 6
    assert "Strategie und" in radar
    matrix = text.split('<svg class="matrix"')[1].split("</svg>")[0]
    assert matrix.count("<rect ") == 4
    assert 'class="quadrant own"' in matrix
    assert "Klasse A." in matrix  # the description for screen readers
