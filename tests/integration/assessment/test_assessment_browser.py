"""One real-browser test: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright against the app served over real HTTP on a loopback port. A user fills every
page with keyboard and mouse, takes the resume link to another device (a new browser
context), finishes there and sees the result with its class and radar chart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from assessment_api_helpers import BOOKING_LINK_SECRET
from browser_helpers import (
    by_id,
    fill_step,
    launch_chromium,
    watch_content_security_policy,
)
from flask import Flask
from playwright.sync_api import expect, sync_playwright

from assessment.web import create_app
from devstack.served_app import served_app
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys


@pytest.fixture
def served(migrated: str) -> Iterator[str]:
    """The assessment app on a free loopback port, its public address matching it."""

    def make_app(base_url: str) -> Flask:
        return create_app(
            ServiceSettings.from_env(
                "assessment",
                {
                    "ASSESSMENT_DATABASE_URL": migrated,
                    "PUBLIC_BASE_URL_ASSESSMENT": base_url,
                    "SECRET_KEY": "test-secret",
                },
            )
        )

    with served_app(make_app) as base_url:
        yield base_url


def test_a_company_fills_the_check_in_a_real_browser(served: str, tmp_path: Path) -> None:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            # A German company's browser: before there is an assessment, its Accept-Language.
            laptop = browser.new_context(locale="de-DE")
            page = laptop.new_page()
            watch_content_security_policy(page, problems)
            page.goto(f"{served}/")
            expect(page.locator("html")).to_have_attribute("lang", "de")
            page.get_by_role("link", name="Check starten").click()

            # The profile, typed with the keyboard; consents ticked with the space bar.
            expect(page.get_by_text("Schritt 1 von 9")).to_be_visible()
            by_id(page, "company.name").click()
            page.keyboard.type("Muster <Präzision> GmbH")
            page.keyboard.press("Tab")
            by_id(page, "company.employees-50_249").check()
            by_id(page, "company.district-bamberg_land").check()
            by_id(page, "company.contact_name").fill("Erika Muster")
            by_id(page, "company.contact_email").fill("erika.muster@example.com")
            by_id(page, "company.consent_processing").focus()
            page.keyboard.press("Space")
            page.get_by_role("button", name="Speichern und weiter").click()

            expect(page.get_by_text("Schritt 2 von 9")).to_be_visible()
            fill_step(page, "portfolio")
            expect(page.get_by_text("Schritt 3 von 9")).to_be_visible()
            # A typo first: the message appears next to the field, the typed text stays.
            by_id(page, "market.top_customer_share").fill("viel")
            page.keyboard.press("Enter")  # submits with the first button: save and continue
            expect(page.locator('[id="market.top_customer_share-error"]')).to_contain_text(
                "Erwartet wird eine Zahl."
            )
            expect(by_id(page, "market.top_customer_share")).to_have_value("viel")
            by_id(page, "market.top_customer_share").fill("")
            fill_step(page, "market")
            expect(page.get_by_text("Schritt 4 von 9")).to_be_visible()
            resume_url = page.locator("#resume-link").input_value()
            assert resume_url.startswith(f"{served}/resume/")
            laptop.close()

            # Another device: a fresh context knows nothing but the link. Its browser asks for
            # English; the pages keep the language the company chose when it started.
            office = browser.new_context(locale="en-GB")
            page = office.new_page()
            watch_content_security_policy(page, problems)
            page.goto(resume_url)
            expect(page.get_by_text("Schritt 4 von 9")).to_be_visible()
            assert "/resume/" not in page.url
            for dimension in ("strategy", "innovation", "digital", "energy", "workforce"):
                fill_step(page, dimension)
            expect(page.get_by_text("Schritt 9 von 9")).to_be_visible()
            fill_step(page, "finance")

            expect(page.get_by_role("heading", name="Ihre Antworten prüfen")).to_be_visible()
            expect(page.get_by_text("Muster <Präzision> GmbH").first).to_be_visible()
            page.get_by_role("button", name="Verbindlich absenden und auswerten").click()

            expect(
                page.get_by_role("heading", name="Ihr Ergebnis: Muster <Präzision> GmbH")
            ).to_be_visible()
            expect(page.locator(".result-class h2")).to_contain_text("Klasse A")
            expect(page.locator("svg.radar")).to_be_visible()
            expect(page.locator("svg.radar polygon.shape")).to_have_count(1)
            expect(page.locator("svg.matrix circle.point")).to_have_count(1)
            expect(page.get_by_text("Ihr Bericht wird erstellt.")).to_be_visible()
            booking = page.get_by_role("link", name="Transformationsgespräch buchen")
            booking_token = booking.get_attribute("href").split("http://127.0.0.1:8002/book/")[1]
            assessment_id = page.url.split("/a/")[1].split("/")[0]
            assert (
                str(
                    BookingLinks("", SigningKeys(BOOKING_LINK_SECRET))
                    .verify(booking_token, datetime.now(UTC))
                    .assessment_id
                )
                == assessment_id
            )
            page.screenshot(path=str(tmp_path / "result.png"), full_page=True)
            office.close()
        finally:
            browser.close()
    assert problems == []  # nothing the Content-Security-Policy had to block
