"""One hostile company through the services: HTML, script, CRLF and calendar control
characters in its name come out inert in every output this test can reach cheaply — the
assessment's result page, the advisor desk, the booking page, the booking mails (headers and
HTML part) and their ICS invitations. The single-line API fields refuse CR/LF outright; the
notifications service gets the name with CR/LF anyway (as an event could carry it), and
must still not let it start a header or a calendar property.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from flask import Flask
from icalendar import Calendar
from security_helpers import (
    BOOKING_LINKS,
    add_account,
    add_company,
    available_all_week,
    engine_of,
    log_in,
)
from sqlalchemy import select
from testkit.events import scored_event
from testkit.web import bearer

from assessment.testing import COMPLETE_ANSWERS, START_BODY
from mailing.tables import mail_outbox
from servicekit.booking_links import BookingLinks

MARKUP = '<script>alert(1)</script><img src=x onerror=alert(1)> "Werk 2"; {{ 7*7 }}'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
CRLF = "\r\nATTENDEE:mailto:evil@example.net\r\nBcc: evil@example.net\r\nBEGIN:VEVENT"
HOSTILE = f"Müller & Söhne {MARKUP}{CRLF}"


def _assert_inert_html(page: str) -> None:
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert ESCAPED in page
    assert "49" not in page.split("Werk 2")[1][:40]  # no template evaluation


def test_the_api_refuses_line_breaks_in_single_line_fields(assessment_app: Flask):
    client = assessment_app.test_client()
    body = {**START_BODY, "company": {**START_BODY["company"], "name": HOSTILE}}

    response = client.post("/api/v1/assessments", json=body)

    assert response.status_code == 422
    assert "name" in response.json["errors"]["company"]


def test_the_result_page_shows_the_markup_as_text(assessment_app: Flask):
    client = assessment_app.test_client()
    body = {**START_BODY, "company": {**START_BODY["company"], "name": f"Müller {MARKUP}"}}
    started = client.post("/api/v1/assessments", json=body).json
    path = f"/api/v1/assessments/{started['id']}"
    auth = bearer(started["token"])
    assert (
        client.put(f"{path}/answers", json={"answers": COMPLETE_ANSWERS}, headers=auth).status_code
        == 200
    )
    assert client.post(f"{path}/submit", headers=auth).status_code == 200

    client.get(f"/resume/{started['id']}/{started['token']}")
    page = client.get(f"/a/{started['id']}/result")

    assert page.status_code == 200
    assert "script-src" not in page.headers["Content-Security-Policy"]  # default-src 'self'
    # The result page shows the company name only on its profile page.
    _assert_inert_html(client.get(f"/a/{started['id']}/company").get_data(as_text=True))


def test_desk_booking_page_mails_and_invitations_keep_the_name_inert(notifications_app: Flask):
    engine = engine_of(notifications_app)
    advisor_id, _ = add_account(engine, "Bea Berater")
    _, admin = add_account(engine, "Ada Admin", role="admin")
    available_all_week(engine, advisor_id)
    assessment_id = add_company(engine, advisor_id, scored_event(company={"name": HOSTILE}))
    desk = notifications_app.test_client()
    log_in(desk, admin)
    company = notifications_app.test_client()
    link = BookingLinks("", BOOKING_LINKS.keys).url(assessment_id, datetime.now(UTC))
    token = link.rsplit("/", 1)[1]

    _assert_inert_html(desk.get("/desk/").get_data(as_text=True))
    _assert_inert_html(desk.get(f"/desk/companies/{assessment_id}").get_data(as_text=True))
    _assert_inert_html(company.get(link).get_data(as_text=True))

    slots = company.get("/api/v1/slots", headers=bearer(token)).json
    slot = slots[0]
    booked = company.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=bearer(token),
    )
    assert booked.status_code == 201, booked.json

    with engine.connect() as connection:
        mails = connection.execute(select(mail_outbox)).all()
    assert len(mails) == 2  # the company and the advisor
    for mail in mails:
        assert "\r" not in mail.subject
        assert "\n" not in mail.subject
        assert "evil@example.net" not in mail.recipient
        assert mail.html_body is None or "<script>alert(1)" not in mail.html_body
        [invitation] = [
            base64.b64decode(part["data"])
            for part in mail.attachments
            if part["content_type"].startswith("text/calendar")
        ]
        calendar = Calendar.from_ical(invitation)
        [event] = calendar.walk("VEVENT")
        # The whole name is the summary's text, its line breaks made spaces.
        assert f"Müller & Söhne {MARKUP} ATTENDEE:mailto:evil" in str(event["summary"])
        attendees = event.get("attendee")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert all("evil@example.net" not in str(value) for value in attendees)
        for line in invitation.split(b"\r\n"):
            assert not line.startswith((b"ATTENDEE:mailto:evil", b"Bcc:"))
            assert len(line) <= 75
