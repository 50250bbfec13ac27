"""The meeting mails through the real sender into a real SMTP server on loopback, their
invitations parsed back with icalendar: one UID for the meeting's life, SEQUENCE growing with
each change, REQUEST then CANCEL; times in Europe/Berlin with the zone named; company names
inert in HTML and ICS; reminders only when due and never for a cancelled meeting."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from flask.testing import FlaskClient
from icalendar import Calendar
from notifications_booking_helpers import add_advisor, add_company, token_for
from sqlalchemy import Engine
from testkit.web import bearer

EVIL_NAME = 'Müller & Söhne <b>GmbH</b>, "Werk 2";\nATTENDEE:mailto:evil@example.net'
# As the booking mails and invitations show it: one line.
EVIL_NAME_SHOWN = 'Müller & Söhne <b>GmbH</b>, "Werk 2"; ATTENDEE:mailto:evil@example.net'


def _company(client: FlaskClient, engine: Engine, **changes: Any) -> dict[str, Any]:
    advisor_id = add_advisor(engine)
    assessment_id = add_company(engine, advisor_id=advisor_id, **changes)
    token = token_for(assessment_id)
    slots = client.get("/api/v1/slots", headers=bearer(token)).get_json()
    return {"id": assessment_id, "token": token, "slots": slots}


def _by_recipient(messages: list[EmailMessage]) -> dict[str, EmailMessage]:
    return {
        "company" if message["To"] == "erika.muster@example.com" else "advisor": message
        for message in messages
    }


def _invitation(message: EmailMessage) -> tuple[Calendar, Any]:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_content())
    [event] = calendar.walk("VEVENT")
    return calendar, event


def _body_alternatives(message: EmailMessage) -> list[tuple[str, str | None]]:
    """(content type, iTIP method) of the body's alternatives, where Outlook looks."""
    [body] = [part for part in message.iter_parts() if not part.is_attachment()]
    return [(part.get_content_type(), part.get_param("method")) for part in body.iter_parts()]


def _text(message: EmailMessage, subtype: str) -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_booking_moving_and_cancelling_send_invitations_that_update_one_calendar_entry(
    booking_client: FlaskClient, engine: Engine, send_due: Callable[..., list[EmailMessage]]
):
    company = _company(booking_client, engine)
    headers = bearer(company["token"])
    slot = company["slots"][30]
    meeting = booking_client.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=headers,
    ).get_json()

    booked = _by_recipient(send_due())
    assert set(booked) == {"company", "advisor"}  # the reminders wait for their time
    calendar, event = _invitation(booked["company"])
    uid = str(event["uid"])
    assert str(calendar["method"]) == "REQUEST"
    assert event["sequence"] == 0
    assert str(event["status"]) == "CONFIRMED"
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("dtstart") == datetime.fromisoformat(meeting["start"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert str(event["organizer"]).startswith("mailto:anna-")
    assert str(event["attendee"]) == "mailto:erika.muster@example.com"
    assert str(_invitation(booked["advisor"])[1]["uid"]) == uid
    for message in booked.values():
        assert _body_alternatives(message) == [
            ("text/plain", None),
            ("text/html", None),
            ("text/calendar", "REQUEST"),
        ]
    text = _text(booked["company"], "plain")
    assert "Guten Tag Erika Muster" in text
    assert "Zeitzone Europe/Berlin" in text
    # Links with a token of their own, minted for the mail, to this company's booking.
    link = rf"http://notifications\.test/book/{company['id']}\.\d+\.\d+\.[\w-]+/meetings/{meeting['id']}"
    assert re.search(rf"{link}/cancel\n", text)
    assert re.search(rf"{link}/reschedule\n", text)
    assert "/book/" not in _text(booked["advisor"], "plain")  # the company's key stays its own
    assert booked["company"]["Reply-To"] == str(event["organizer"]).removeprefix("mailto:")

    target = company["slots"][60]
    booking_client.post(
        f"/api/v1/meetings/{meeting['id']}/reschedule",
        json={"start": target["start"]},
        headers=headers,
    )
    moved = _by_recipient(send_due())
    calendar, event = _invitation(moved["company"])
    assert (str(event["uid"]), event["sequence"], str(calendar["method"])) == (uid, 1, "REQUEST")
    assert event.decoded("dtstart") == datetime.fromisoformat(target["start"])
    assert "verschoben" in _text(moved["company"], "plain")

    booking_client.delete(f"/api/v1/meetings/{meeting['id']}", headers=headers)
    cancelled = _by_recipient(send_due())
    for message in cancelled.values():
        calendar, event = _invitation(message)
        assert (str(event["uid"]), event["sequence"]) == (uid, 2)
        assert str(calendar["method"]) == "CANCEL"
        assert str(event["status"]) == "CANCELLED"
        [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == "CANCEL"
        assert _body_alternatives(message)[-1] == ("text/calendar", "CANCEL")

    # A day before either time, no reminder goes out: both were withdrawn.
    assert send_due(datetime.fromisoformat(target["start"]) - timedelta(hours=1)) == []


def test_reminders_go_out_a_day_ahead(
    booking_client: FlaskClient, engine: Engine, send_due: Callable[..., list[EmailMessage]]
):
    company = _company(booking_client, engine)
    slot = company["slots"][30]
    booking_client.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=bearer(company["token"]),
    )
    send_due()
    starts = datetime.fromisoformat(slot["start"])

    assert send_due(starts - timedelta(hours=25)) == []
    reminders = _by_recipient(send_due(starts - timedelta(hours=24)))
    assert set(reminders) == {"company", "advisor"}
    assert reminders["company"]["Subject"].startswith("Erinnerung: Ihr Transformationsgespräch")
    assert not list(reminders["company"].iter_attachments())


def test_english_company_mail_with_a_hostile_name_stays_inert(
    booking_client: FlaskClient, engine: Engine, send_due: Callable[..., list[EmailMessage]]
):
    company = _company(booking_client, engine, name=EVIL_NAME, language="en")
    slot = company["slots"][0]
    booking_client.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=bearer(company["token"]),
    )

    mails = _by_recipient(send_due())
    message = mails["company"]
    assert message["Subject"].startswith("Your transformation meeting on")
    assert "time zone Europe/Berlin" in message["Subject"]
    text, html = _text(message, "plain"), _text(message, "html")
    assert "Hello Erika Muster" in text
    assert EVIL_NAME_SHOWN in text
    assert "<b>GmbH</b>" not in html
    assert "&lt;b&gt;GmbH&lt;/b&gt;" in html
    assert "Guten Tag Anna Berger" in _text(mails["advisor"], "plain")  # advisors read German
    for mail in mails.values():
        _, event = _invitation(mail)
        assert EVIL_NAME_SHOWN in str(event["summary"])
        # One attendee: the name's line break did not start a property of its own.
        assert str(event["attendee"]) == "mailto:erika.muster@example.com"
