"""No English left in Dutch pages: the booking pages and the desk, rendered in Dutch, hold
none of the notifications catalogue's English texts where Dutch says it otherwise.

Texts of about a dozen characters and more only: a short one ("Status", "E-mail") may be
the same word in both languages or part of a company's or a person's name."""

from __future__ import annotations

import html
import re
from datetime import time
from pathlib import Path

from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from notifications_booking_helpers import add_advisor, add_company, token_for
from notifications_desk_helpers import account, advisor_id_of, company, log_in
from sqlalchemy import Engine
from testkit.web import csrf_token, csrf_token_in

import notifications

CATALOGUE = Path(notifications.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
SHORTEST = 12
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _english_texts() -> list[str]:
    """Each id's longest stretch without a placeholder, where Dutch words it otherwise."""
    with CATALOGUE.open("rb") as stored:
        catalog = read_po(stored, locale="nl")
    texts = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, dutch in zip(ids, strings, strict=False):
            if english == dutch:
                continue
            longest = max(_PLACEHOLDER.split(english), key=len).strip()
            if len(longest) >= SHORTEST and longest not in dutch:
                texts.append(longest)
    return texts


def _english_in(page: str) -> list[str]:
    text = html.unescape(re.sub(r"\s+", " ", page))
    return [english for english in _english_texts() if english in text]


def test_the_scan_knows_the_catalogue():
    texts = _english_texts()
    assert "Book your transformation meeting" in texts
    assert "Open callback requests" in texts
    assert _english_in("<p>Open callback   requests</p>") == ["Open callback requests"]


def test_the_dutch_booking_pages_hold_no_english(booking_client: FlaskClient, engine: Engine):
    token = token_for(add_company(engine, language="nl", advisor_id=add_advisor(engine)))
    english = {"Accept-Language": "en"}
    pages = {"book": booking_client.get(f"/book/{token}", headers=english).text}
    slot = re.findall(r'name="slot" id="[^"]+" value="([^"]+)"', pages["book"])[0]
    refused = booking_client.post(
        f"/book/{token}", data={"slot": "nonsense", "csrf_token": csrf_token_in(pages["book"])}
    )
    pages["choose again"] = refused.text
    booked = booking_client.post(
        f"/book/{token}", data={"slot": slot, "csrf_token": csrf_token_in(pages["book"])}
    )
    meeting_url = booked.headers["Location"]
    pages["meeting"] = booking_client.get(meeting_url, headers=english).text
    pages["cancel"] = booking_client.get(f"{meeting_url}/cancel", headers=english).text
    pages["reschedule"] = booking_client.get(f"{meeting_url}/reschedule", headers=english).text
    pages["refused"] = booking_client.get("/book/nonsense?lang=nl", headers=english).text
    pages["csrf"] = booking_client.post(f"/book/{token}", data={"slot": slot}).text

    for name, page in pages.items():
        assert '<html lang="nl">' in page, name
        assert _english_in(page) == [], name


def test_the_dutch_booking_page_without_free_dates_holds_no_english(
    booking_client: FlaskClient, engine: Engine
):
    # An advisor who is never free: the page offers to call back.
    advisor_id = add_advisor(engine, meeting_minutes=60, hours=(time(0), time(0, 30)))
    token = token_for(add_company(engine, language="nl", advisor_id=advisor_id))
    page = booking_client.get(f"/book/{token}").text
    assert "Terugbelverzoek indienen" in page
    invalid = booking_client.post(
        f"/book/{token}/callback",
        data={"phone": "12", "preferred_time": "x", "csrf_token": csrf_token_in(page)},
    )

    for shown in (page, invalid.text):
        assert _english_in(shown) == []
    assert "Vul alstublieft een telefoonnummer in met ten minste 6 cijfers" in invalid.text


def test_the_dutch_desk_holds_no_english(desk_client: FlaskClient, engine: Engine):
    admin = account(engine, "Ada Admin", role="admin")
    assessment_id = company(engine, advisor_id_of(engine, admin), "Dringend AG", priority=51.7)
    desk_client.set_cookie("desk_language", "nl", path="/desk")
    english = {"Accept-Language": "en"}
    pages = {"login": desk_client.get("/desk/login", headers=english).text}
    pages["wrong login"] = log_in(desk_client, admin, "wrong").text
    log_in(desk_client, admin)
    for path in (
        "/desk/",
        f"/desk/companies/{assessment_id}",
        f"/desk/companies/{assessment_id}/privacy",
        "/desk/meetings",
        "/desk/mails",
        "/desk/availability",
        "/desk/advisors",
        "/desk/advisors/new",
        "/desk/callbacks",
        "/desk/funding-reviews",
        "/desk/companies/not-a-company",
    ):
        pages[path] = desk_client.get(path, headers=english).text
    token = csrf_token(desk_client, "/desk/availability")
    pages["hours refused"] = desk_client.post(
        "/desk/availability",
        data={"csrf_token": token, "week-day_0": "09:00-12:00, 11:00-13:00", "week-day_1": "9-5"},
    ).text
    pages["advisor refused"] = desk_client.post(
        "/desk/advisors/new", data={"csrf_token": token, "email": "nicht eine adresse"}
    ).text
    pages["csrf"] = desk_client.post("/desk/advisors/new", data={}).text

    for name, page in pages.items():
        assert '<html lang="nl">' in page, name
        assert _english_in(page) == [], name
    assert "De tijdvakken overlappen elkaar." in pages["hours refused"]
    assert "<h1>Openstaande terugbelverzoeken</h1>" in pages["/desk/callbacks"]
