"""One look for every page a person reads, in every service: the company pages, the booking
pages, the desk and the error pages link the one stylesheet at one hashed address and style
nothing inline (the CSP forbids it); an address no service knows is a page in the reader's
language to a browser and problem details to a program; an expired booking link and an
expired download link read alike."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from flask import Flask
from security_helpers import (
    BOOKING_LINKS,
    REPORTING_URL,
    SECRET,
    add_account,
    add_company,
    engine_of,
    log_in,
)
from sqlalchemy import select
from testkit.web import BROWSER, STYLESHEET, bearer, stylesheet_url
from werkzeug.test import TestResponse

from assessment.testing import COMPLETE_ANSWERS, START_BODY
from eventing.codec import decode
from eventing.tables import outbox
from reporting.adapters.download_links import DownloadLinks
from servicekit.signed_tokens import SigningKeys

STYLESHEET_LINK = f'<link rel="stylesheet" href="{stylesheet_url()}">'
NO_INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
SERVICES = ("assessment", "reporting", "notifications")


def _scored_event(assessment_app: Flask):
    with engine_of(assessment_app).connect() as connection:
        payload = connection.execute(
            select(outbox.c.payload).where(outbox.c.event_type == "assessment.scored")
        ).scalar_one()
    return decode(payload.encode())


def _pages_of_a_journey(all_apps: dict[str, Flask]) -> dict[str, TestResponse]:
    """The pages a company and an advisor read on their way, by name."""
    assessment = all_apps["assessment"].test_client()
    pages = {"start": assessment.get("/"), "start form": assessment.get("/start")}
    started = assessment.post("/api/v1/assessments", json=START_BODY).json
    assessment_id, token = started["id"], bearer(started["token"])
    assessment.get(f"/resume/{assessment_id}/{started['token']}")  # this browser holds it now
    pages["profile"] = assessment.get(f"/a/{assessment_id}/company")
    pages["step"] = assessment.get(f"/a/{assessment_id}/step/strategy")
    base = f"/api/v1/assessments/{assessment_id}"
    assessment.put(f"{base}/answers", json={"answers": COMPLETE_ANSWERS}, headers=token)
    pages["review"] = assessment.get(f"/a/{assessment_id}/review")
    assert assessment.post(f"{base}/submit", headers=token).status_code == 200
    pages["result"] = assessment.get(f"/a/{assessment_id}/result")
    pages["privacy"] = assessment.get(f"/a/{assessment_id}/privacy")

    notifications_app = all_apps["notifications"]
    notifications = notifications_app.test_client()
    admin_id, admin = add_account(engine_of(notifications_app), "Ada Admin", role="admin")
    add_company(engine_of(notifications_app), admin_id, _scored_event(all_apps["assessment"]))
    link = BOOKING_LINKS.url(assessment_id, datetime.now(UTC))
    pages["booking"] = notifications.get(urlsplit(link).path)
    pages["desk login"] = notifications.get("/desk/login")
    log_in(notifications, admin)
    for path in ("/desk/", "/desk/meetings", "/desk/availability", "/desk/mails"):
        pages[f"desk {path}"] = notifications.get(path)
    for path in ("/desk/advisors", "/desk/callbacks", "/desk/funding-reviews"):
        pages[f"desk {path}"] = notifications.get(path)
    pages["desk company"] = notifications.get(f"/desk/companies/{assessment_id}")
    pages["desk company privacy"] = notifications.get(f"/desk/companies/{assessment_id}/privacy")
    return pages


def test_every_page_links_the_one_stylesheet_and_styles_nothing_inline(all_apps: dict):
    pages = _pages_of_a_journey(all_apps)

    assert {name: page.status_code for name, page in pages.items() if page.status_code != 200} == {}
    for name, page in pages.items():
        assert page.mimetype == "text/html", name
        assert page.text.count(STYLESHEET_LINK) == 1, name
        assert not NO_INLINE_STYLE.search(page.text), name
        assert 'class="skip-link" href="#content"' in page.text, name
        assert '<main id="content"' in page.text, name
    # No service serves a stylesheet of its own any more.
    links = {
        link
        for page in pages.values()
        for link in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
    }
    assert links == {stylesheet_url()}


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_serves_the_stylesheet_for_a_year(all_apps: dict, service: str):
    response = all_apps[service].test_client().get(stylesheet_url())

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.data == STYLESHEET.read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_desk_marks_where_the_advisor_is_and_offers_the_skip_link_in_dutch(
    notifications_app: Flask,
):
    _, admin = add_account(engine_of(notifications_app), "Ada Admin", role="admin")
    client = notifications_app.test_client()
    log_in(client, admin)
    client.set_cookie("desk_language", "nl")

    page = client.get("/desk/meetings").text

    assert '<a class="skip-link" href="#content">Naar de inhoud</a>' in page
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', page) == ["/desk/meetings"]
    assert page.count('aria-current="page"') == 1


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize(
    ("accept_language", "language", "heading"),
    [
        ("de-DE,de;q=0.9,en;q=0.5", "de", "Seite nicht gefunden"),
        ("en-GB,en;q=0.9", "en", "Page not found"),
        ("nl-NL,nl;q=0.9,en;q=0.5", "nl", "Pagina niet gevonden"),
    ],
)
def test_an_unknown_address_is_a_page_in_the_readers_language(
    all_apps: dict, service: str, accept_language: str, language: str, heading: str
):
    response = (
        all_apps[service]
        .test_client()
        .get("/no/such/page", headers={"Accept": BROWSER, "Accept-Language": accept_language})
    )

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert response.headers["Content-Language"] == language
    assert f"<h1>{heading}</h1>" in response.text
    assert STYLESHEET_LINK in response.text


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("path", ["/no/such/page", "/api/v1/no-such-resource"])
def test_a_program_still_gets_problem_details(all_apps: dict, service: str, path: str):
    accept = {"Accept": BROWSER} if path.startswith("/api/") else {"Accept": "application/json"}

    response = all_apps[service].test_client().get(path, headers=accept)

    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 404


def _heading_and_header(page: str) -> tuple[str, str]:
    heading = re.search(r"<h1>(.*?)</h1>", page)
    header = re.search(r'<header class="site-header">(.*?)</header>', page, re.DOTALL)
    assert heading is not None
    assert header is not None
    return heading.group(1), " ".join(header.group(1).split())


def test_an_expired_booking_link_and_an_expired_download_link_read_alike(all_apps: dict):
    long_ago = datetime.now(UTC) - timedelta(days=3650)
    booking = urlsplit(BOOKING_LINKS.url(uuid.uuid4(), long_ago))
    download = urlsplit(
        DownloadLinks(SigningKeys(SECRET), REPORTING_URL, timedelta(days=1)).url(
            uuid.uuid4(), long_ago
        )
    )
    dutch = {"Accept": BROWSER, "Accept-Language": "nl-NL,nl;q=0.9"}

    booking_page = all_apps["notifications"].test_client().get(booking.path, headers=dutch)
    download_page = (
        all_apps["reporting"].test_client().get(f"{download.path}?{download.query}", headers=dutch)
    )

    assert booking_page.status_code == download_page.status_code == 410
    assert _heading_and_header(booking_page.text) == _heading_and_header(download_page.text)
    assert _heading_and_header(booking_page.text)[0] == "Deze link is verlopen"
    for page in (booking_page, download_page):
        assert page.headers["Content-Language"] == "nl"
        assert STYLESHEET_LINK in page.text
