"""One real-browser test: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright against the notifications app served over real HTTP on a loopback port. A company
opens its booking link, picks a time with the keyboard, books, downloads nothing, comes back
by the cancel link (a new browser, as from the mail) and cancels."""

from __future__ import annotations

import re
from pathlib import Path

from browser_helpers import launch_chromium, watch_content_security_policy
from notifications_booking_helpers import add_advisor, add_company, meeting_rows, token_for
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import Engine


def test_a_company_books_and_cancels_in_a_real_browser(
    booking_server: str, engine: Engine, tmp_path: Path
) -> None:
    advisor_id = add_advisor(engine, meeting_minutes=50, buffer_minutes=10)
    token = token_for(add_company(engine, name="Muster <Präzision> GmbH", advisor_id=advisor_id))
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            office = browser.new_context()
            page: Page = office.new_page()
            watch_content_security_policy(page, problems)
            page.goto(f"{booking_server}/book/{token}")
            expect(page.locator("html")).to_have_attribute("lang", "de")
            expect(
                page.get_by_role("heading", name="Transformationsgespräch buchen")
            ).to_be_visible()
            expect(page.get_by_text("Für Muster <Präzision> GmbH")).to_be_visible()

            # The second time of a day, chosen with the keyboard. Slots start a lead time
            # from now, so late in the day the first day may offer only one time.
            day = next(
                day
                for day in page.locator("fieldset.day").all()
                if day.get_by_role("radio").count() >= 2
            )
            day.get_by_role("radio").first.focus()
            page.keyboard.press("ArrowDown")
            chosen = day.get_by_role("radio").nth(1)
            expect(chosen).to_be_checked()
            label = page.locator(f'label[for="{chosen.get_attribute("id")}"]').inner_text()
            page.get_by_role("button", name="Termin verbindlich buchen").click()

            expect(page.get_by_text("Ihr Termin ist gebucht.")).to_be_visible()
            expect(
                page.get_by_text(re.compile(rf"{label[:5]}.*Uhr \(MES?Z, Zeitzone"))
            ).to_be_visible()
            expect(
                page.get_by_role("link", name="Kalendereintrag herunterladen (.ics)")
            ).to_be_visible()
            cancel_url = page.get_by_role("link", name="Termin absagen").get_attribute("href")
            page.screenshot(path=str(tmp_path / "booked.png"), full_page=True)
            office.close()

            # The cancel link from the mail, in another browser.
            home = browser.new_context()
            page = home.new_page()
            watch_content_security_policy(page, problems)
            page.goto(f"{booking_server}{cancel_url}")
            expect(page.get_by_text("Möchten Sie diesen Termin wirklich absagen?")).to_be_visible()
            page.get_by_role("button", name="Ja, Termin absagen").click()
            expect(page.get_by_text("Dieser Termin wurde abgesagt.")).to_be_visible()
            page.get_by_role("link", name="Neuen Termin buchen").click()
            expect(page.get_by_role("button", name="Termin verbindlich buchen")).to_be_visible()
            home.close()
        finally:
            browser.close()
    assert problems == []  # nothing the Content-Security-Policy had to block
    [meeting] = meeting_rows(engine)
    assert meeting.status == "cancelled"
    assert meeting.cancelled_by == "company"
