"""The booking pages without a browser: slots by day in German, English or Dutch, booking with
CSRF, the confirmation, cancel and reschedule by link, the .ics download, refused links."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from notifications_booking_helpers import add_advisor, add_company, meeting_rows, token_for
from sqlalchemy import Engine
from testkit.web import csrf_token_in


def _slot_values(page: str) -> list[str]:
    return re.findall(r'name="slot" id="[^"]+" value="([^"]+)"', page)


@pytest.fixture
def opened(booking_client: FlaskClient, engine: Engine) -> dict[str, str]:
    """A German company's booking page, opened."""
    advisor_id = add_advisor(engine, meeting_minutes=50, buffer_minutes=10)
    token = token_for(add_company(engine, name="Muster <Präzision> GmbH", advisor_id=advisor_id))
    page = booking_client.get(f"/book/{token}").get_data(as_text=True)
    return {"token": token, "page": page}


def _book(client: FlaskClient, opened: dict[str, str], index: int = 0):
    value = _slot_values(opened["page"])[index]
    return client.post(
        f"/book/{opened['token']}",
        data={"slot": value, "csrf_token": csrf_token_in(opened["page"])},
    )


def test_the_booking_page_lists_free_slots_by_day_in_german(opened: dict[str, str]):
    page = opened["page"]

    assert '<html lang="de">' in page
    assert "Transformationsgespräch buchen" in page
    assert "Für Muster &lt;Präzision&gt; GmbH" in page
    assert "Zeitzone Europe/Berlin" in page
    days = re.findall(r"<legend>([^<]+)</legend>", page)
    assert 27 <= len(days) <= 29
    weekdays = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"}
    assert {day.split(",")[0] for day in days} == weekdays
    # 50-minute meetings with 10 minutes between them, as the clock on the wall shows them.
    assert re.search(r"<label for=\"slot-[^\"]+\">10:00–10:50</label>", page)  # noqa: RUF001
    assert len(_slot_values(page)) > 27 * 20


def test_booking_by_form_confirms_and_shows_the_meeting_on_the_booking_page(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine
):
    response = _book(booking_client, opened)

    assert response.status_code == 303
    confirmation = booking_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ihr Termin ist gebucht." in confirmation
    assert "Zeitzone Europe/Berlin" in confirmation
    assert "Anna Berger" in confirmation
    [meeting] = meeting_rows(engine)
    base = f"/book/{opened['token']}/meetings/{meeting.id}"
    for link in (f"{base}.ics", f"{base}/cancel", f"{base}/reschedule"):
        assert f'href="{link}"' in confirmation
    # The booking link now shows the meeting instead of the slots.
    again = booking_client.get(f"/book/{opened['token']}").get_data(as_text=True)
    assert "Ihr Termin ist gebucht." in again
    assert 'name="slot"' not in again
    # A second click on the button lands on the same meeting.
    second = _book(booking_client, opened, 1)
    assert second.status_code == 303
    assert second.headers["Location"] == base
    assert len(meeting_rows(engine)) == 1


def test_a_post_without_the_csrf_token_changes_nothing(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine
):
    value = _slot_values(opened["page"])[0]
    response = booking_client.post(f"/book/{opened['token']}", data={"slot": value})

    assert response.status_code == 400
    assert "zu lange geöffnet" in response.get_data(as_text=True)
    assert meeting_rows(engine) == []


def test_a_taken_slot_is_answered_409_on_the_page_with_the_other_slots(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine
):
    value = _slot_values(opened["page"])[0]
    advisor_id = uuid.UUID(value.split("|")[0])
    rival = token_for(add_company(engine, name="Rivale KG", advisor_id=advisor_id))
    rival_page = booking_client.get(f"/book/{rival}").get_data(as_text=True)
    booking_client.post(
        f"/book/{rival}", data={"slot": value, "csrf_token": csrf_token_in(rival_page)}
    )

    response = _book(booking_client, opened)

    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "gerade von jemand anderem gebucht" in page
    assert value not in _slot_values(page)


def test_cancel_by_link_asks_first_then_cancels_on_post(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine
):
    meeting_url = _book(booking_client, opened).headers["Location"]

    form = booking_client.get(f"{meeting_url}/cancel").get_data(as_text=True)
    assert "Möchten Sie diesen Termin wirklich absagen?" in form
    assert meeting_rows(engine)[0].status == "booked"  # opening the link changed nothing

    done = booking_client.post(f"{meeting_url}/cancel", data={"csrf_token": csrf_token_in(form)})
    assert done.status_code == 303
    page = booking_client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Dieser Termin wurde abgesagt." in page
    assert "Neuen Termin buchen" in page
    assert meeting_rows(engine)[0].status == "cancelled"
    assert 'name="slot"' in booking_client.get(f"/book/{opened['token']}").get_data(as_text=True)


def test_reschedule_by_link_offers_the_advisors_slots_and_moves_the_meeting(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine
):
    meeting_url = _book(booking_client, opened).headers["Location"]
    before = meeting_rows(engine)[0].starts_at

    form = booking_client.get(f"{meeting_url}/reschedule").get_data(as_text=True)
    target = _slot_values(form)[5]
    done = booking_client.post(
        f"{meeting_url}/reschedule", data={"slot": target, "csrf_token": csrf_token_in(form)}
    )

    assert done.status_code == 303
    [meeting] = meeting_rows(engine)
    assert meeting.starts_at != before
    assert meeting.starts_at == datetime.fromisoformat(target.split("|")[1])
    assert meeting.sequence == 1


def test_the_ics_download_is_the_current_invitation(
    booking_client: FlaskClient, opened: dict[str, str]
):
    meeting_url = _book(booking_client, opened).headers["Location"]

    response = booking_client.get(f"{meeting_url}.ics")

    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["method"]) == "REQUEST"
    assert "Muster <Präzision> GmbH" in str(calendar.walk("VEVENT")[0]["summary"])


def test_an_english_company_gets_english_pages(booking_client: FlaskClient, engine: Engine):
    token = token_for(add_company(engine, language="en", advisor_id=add_advisor(engine)))

    page = booking_client.get(f"/book/{token}").get_data(as_text=True)

    assert '<html lang="en">' in page
    # "meeting", as the mails and the report call it.
    assert "<h1>Book your transformation meeting</h1>" in page
    assert "talk" not in page
    assert "time zone Europe/Berlin" in page


def test_a_dutch_company_gets_dutch_pages_whatever_its_browser_asks_for(
    booking_client: FlaskClient, engine: Engine, pin_clock: Callable[[datetime], None]
):
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday
    pin_clock(now)
    advisor_id = add_advisor(engine, meeting_minutes=60, hours=(time(10), time(11)))
    token = token_for(add_company(engine, language="nl", advisor_id=advisor_id), now=now)

    response = booking_client.get(f"/book/{token}", headers={"Accept-Language": "de, en"})

    page = response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in page
    assert "<title>Transformatiegesprek boeken – Wegweiser transformatiecheck</title>" in page  # noqa: RUF001
    assert '<p class="company">Voor Muster Präzision GmbH</p>' in page
    assert (
        "Kies een tijdstip voor uw kosteloze transformatiegesprek met een adviseur van het "
        "cluster. Het gesprek duurt ongeveer een uur."
    ) in page
    assert "Alle tijden in Duitse tijd (tijdzone Europe/Berlin)." in page
    assert "<legend>dinsdag 8 december 2026</legend>" in page
    assert "Dit tijdstip definitief boeken" in page

    value = next(v for v in _slot_values(page) if v.endswith("2026-12-08T09:00:00+00:00"))
    booked = booking_client.post(
        f"/book/{token}", data={"slot": value, "csrf_token": csrf_token_in(page)}
    )
    confirmation = booking_client.get(booked.headers["Location"]).get_data(as_text=True)
    assert '<p class="status" role="status">Uw afspraak is geboekt.</p>' in confirmation
    assert "dinsdag 8 december 2026, 10:00–11:00 uur (CET, tijdzone Europe/Berlin)" in confirmation  # noqa: RUF001
    assert "Agenda-item downloaden (.ics)" in confirmation
    assert "Afspraak annuleren" in confirmation


@pytest.mark.parametrize(
    ("asked", "headers", "language", "words"),
    [
        ("?lang=nl", {}, "nl", "Deze boekingslink is ongeldig."),
        ("", {"Accept-Language": "nl-NL, nl;q=0.9, en;q=0.5"}, "nl", "Deze boekingslink"),
        ("?lang=en", {}, "en", "This booking link is not valid."),
        ("?lang=fr", {}, "de", "Dieser Buchungslink ist ungültig."),
        ("?lang=xx-evil", {"Accept-Language": "fr"}, "de", "Dieser Buchungslink ist ungültig."),
    ],
)
def test_a_refused_link_speaks_the_language_asked_for_else_german(
    booking_client: FlaskClient, asked: str, headers: dict[str, str], language: str, words: str
):
    response = booking_client.get(f"/book/nonsense{asked}", headers=headers)

    assert response.status_code == 403
    assert response.headers["Content-Language"] == language
    assert f'<html lang="{language}">' in response.text
    assert words in response.text


def test_refused_links_say_why(booking_client: FlaskClient, engine: Engine):
    assessment_id = add_company(engine, advisor_id=add_advisor(engine))
    expired = token_for(assessment_id, valid_for=-timedelta(days=1))
    cases = {
        token_for(uuid.uuid4()): (404, "Ihre Auswertung wird noch vorbereitet"),
        expired: (410, "abgelaufen"),
        token_for(assessment_id)[:-2] + "xx": (403, "ungültig"),
        "nonsense": (403, "ungültig"),
    }
    for token, (status, words) in cases.items():
        response = booking_client.get(f"/book/{token}")
        assert response.status_code == status
        assert words in response.get_data(as_text=True)
    other = token_for(add_company(engine, name="Fremd AG"))
    assert booking_client.get(f"/book/{other}/meetings/{uuid.uuid4()}").status_code == 404


def test_pages_are_never_cached_and_send_no_referrer(
    booking_client: FlaskClient, opened: dict[str, str]
):
    response = booking_client.get(f"/book/{opened['token']}")

    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "value", ["", "garbage", "not-a-uuid|2026-12-03T08:00:00+00:00", f"{uuid.uuid4()}|yesterday"]
)
def test_a_form_with_a_broken_choice_asks_again(
    booking_client: FlaskClient, opened: dict[str, str], engine: Engine, value: str
):
    response = booking_client.post(
        f"/book/{opened['token']}",
        data={"slot": value, "csrf_token": csrf_token_in(opened["page"])},
    )

    assert response.status_code == 422
    assert "Bitte wählen Sie einen der angebotenen Termine." in response.get_data(as_text=True)
    assert meeting_rows(engine) == []


def test_past_the_limit_of_changes_the_page_says_so_in_the_company_s_language(
    booking_app_with: Callable[..., Flask], engine: Engine
):
    client = booking_app_with(LIMIT_PER_RECIPIENT="1/24h").test_client()
    advisor_id = add_advisor(engine)
    token = token_for(add_company(engine, advisor_id=advisor_id, language="en"))
    page = client.get(f"/book/{token}").get_data(as_text=True)
    meeting_url = _book(client, {"token": token, "page": page}).headers["Location"]

    form = client.get(f"{meeting_url}/cancel").get_data(as_text=True)
    refused = client.post(f"{meeting_url}/cancel", data={"csrf_token": csrf_token_in(form)})

    assert refused.status_code == 429
    assert 24 * 3600 - 60 <= int(refused.headers["Retry-After"]) <= 24 * 3600
    assert "too many requests from your network or for your company" in refused.text
    assert meeting_rows(engine)[0].status == "booked"
