"""The whole journey through every real process, in headless Chromium (Debian's
/usr/bin/chromium): a company takes the check page by page, its result page shows the PDF
once the reporting service made it, the advisor gets the report mail, the company books a
meeting from the result page, both get the invitation, and the advisor desk shows it."""

from __future__ import annotations

import re
import subprocess
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import requests
from browser_helpers import launch_chromium
from e2e_helpers import (
    advisor_report_mails,
    eventually,
    log_into_the_desk,
    mails_to,
    report_link_appears,
    take_the_check,
    take_the_check_in_the_browser,
)
from playwright.sync_api import expect, sync_playwright
from sqlalchemy import select

from devstack.system import System
from notifications.adapters.advisor_store import find_by_email, set_password
from notifications.adapters.tables import meetings
from servicekit.db import make_engine

BERLIN = ZoneInfo("Europe/Berlin")  # how the desk shows times
PIPELINE_TIMEOUT_S = 60
ADVISOR_PASSWORD = "e2e-desk-password-1"  # noqa: S105 - a test login on a throwaway database

COMPANY = "Muster Präzisionsteile E2E GmbH"
CONTACT = "erika.muster@muster-e2e.example"


def _invitation(message: Any) -> icalendar.Event:
    [attachment] = [part for part in message.iter_attachments() if part.get_filename()]
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    return event


def _give_the_advisor_a_password(system: System, email: str) -> None:
    engine = make_engine(system.database_urls["notifications"])
    try:
        with engine.begin() as connection:
            advisor = find_by_email(connection, email)
            assert advisor is not None, email
            set_password(connection, advisor.id, ADVISOR_PASSWORD)
    finally:
        engine.dispose()


def test_a_company_goes_from_the_check_to_a_booked_meeting(system: System) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            company = browser.new_page(locale="de-DE")  # a German company, a German browser
            take_the_check_in_the_browser(company, system.url("assessment"), COMPANY, CONTACT)
            expect(company.get_by_text("Ihr Bericht wird erstellt.")).to_be_visible()
            result_url = company.url

            # The PDF, made by the reporting worker, linked once report.generated arrived.
            download_url = report_link_appears(company, PIPELINE_TIMEOUT_S)
            assert download_url.startswith(f"{system.url('reporting')}/")
            pdf = requests.get(download_url, timeout=30)
            assert pdf.status_code == 200
            assert pdf.content.startswith(b"%PDF-")

            # The routed advisor learns of it by mail, with the same report link.
            [advisor_mail] = eventually(
                lambda: advisor_report_mails(system, COMPANY), PIPELINE_TIMEOUT_S, "advisor mail"
            )
            advisor = advisor_mail["To"]
            assert download_url in advisor_mail.get_body(("plain",)).get_content()

            # The company books from its result page.
            company.get_by_role("link", name="Transformationsgespräch buchen").click()
            assert company.url.startswith(f"{system.url('notifications')}/book/")
            company.locator("fieldset.day").first.get_by_role("radio").first.check()
            company.get_by_role("button", name="Termin verbindlich buchen").click()
            expect(company.get_by_text("Ihr Termin ist gebucht.")).to_be_visible()

            # Both get the invitation to the same calendar event.
            def invitations() -> list[Any] | None:
                found = [
                    message
                    for recipient in (CONTACT, advisor)
                    for message in mails_to(system, recipient)
                    if message.get_content_type() == "multipart/mixed"
                ]
                return found if len(found) == 2 else None

            to_company, to_advisor = eventually(invitations, PIPELINE_TIMEOUT_S, "invitations")
            company_event, advisor_event = _invitation(to_company), _invitation(to_advisor)
            assert company_event["UID"] == advisor_event["UID"]
            assert company_event.DTSTART == advisor_event.DTSTART
            starts = company_event.DTSTART

            # The result page learns of the meeting through meeting.booked.
            def meeting_shown() -> bool:
                company.goto(result_url)
                return company.locator(".meeting-status").count() > 0

            eventually(meeting_shown, PIPELINE_TIMEOUT_S, "the meeting on the result page")
            expect(company.locator(".meeting-status")).to_contain_text(
                "Ihr Transformationsgespräch ist gebucht:"
            )

            # The advisor's desk lists the company with its meeting.
            _give_the_advisor_a_password(system, advisor)
            desk = browser.new_context(locale="de-DE").new_page()
            log_into_the_desk(desk, system.url("notifications"), advisor, ADVISOR_PASSWORD)
            expect(desk.get_by_role("heading", name="Meine Unternehmen")).to_be_visible()
            row = desk.locator("tr", has_text=COMPANY)
            berlin = starts.astimezone(BERLIN)
            expect(row).to_contain_text(f"gebucht: {berlin:%d.%m.%Y}")
            expect(row.get_by_role("link", name="PDF")).to_have_attribute("href", download_url)
            row.get_by_role("link", name=COMPANY).click()
            expect(desk.get_by_text(re.compile(f"{berlin:%H:%M}"))).to_be_visible()
        finally:
            browser.close()
    _assert_one_booking(system)


def test_a_dutch_company_reads_dutch_in_every_service(system: System) -> None:
    """Assessment, reporting and notifications each translate for it: its report mail, the
    PDF it links to and the booking page are Dutch; its advisor's mail stays German."""
    submitted = take_the_check(system, "Nederlandse Toelevering", language="nl")

    [mail] = eventually(
        lambda: mails_to(system, submitted.contact_email, "Uw potentieelanalyse is klaar: "),
        PIPELINE_TIMEOUT_S,
        "the company's report mail",
    )
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("Beste Erika Muster,\n\nUw potentieelanalyse voor ")
    assert "Resultaat: klasse " in text
    links = re.findall(r"https?://\S+", text)
    [download_url] = [link for link in links if link.startswith(system.url("reporting"))]
    [booking_url] = [link for link in links if "/book/" in link]

    pdf = requests.get(download_url, timeout=30)
    assert pdf.status_code == 200
    pdf_text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Potentieelanalyse" in pdf_text
    assert re.search(r"Pagina 2 van \d+", pdf_text)
    assert "Seite 2 von" not in pdf_text

    booking = requests.get(booking_url, timeout=30)
    assert booking.status_code == 200
    assert '<html lang="nl">' in booking.text
    assert "Transformatiegesprek boeken" in booking.text

    [advisor_mail] = eventually(
        lambda: advisor_report_mails(system, submitted.company_name),
        PIPELINE_TIMEOUT_S,
        "the advisor's mail",
    )
    assert str(advisor_mail["Subject"]).startswith("Neue Potenzialanalyse: ")


def _assert_one_booking(system: System) -> None:
    engine = make_engine(system.database_urls["notifications"])
    try:
        with engine.connect() as connection:
            [meeting] = connection.execute(select(meetings)).all()
    finally:
        engine.dispose()
    assert meeting.status == "booked"
