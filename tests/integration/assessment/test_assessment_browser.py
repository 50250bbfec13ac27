"""One real-browser test: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright against the app served over real HTTP on a loopback port. A user fills every
page with keyboard and mouse, takes the resume link to another device (a new browser
context), finishes there and sees the result with its class and radar chart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from assessment_api_helpers import BOOKING_LINK_SECRET
from flask import Flask
from playwright.sync_api import Page, expect, sync_playwright

from assessment.web import create_app
from devstack.served_app import served_app
from servicekit.booking_links import assessment_id_from_token
from servicekit.settings import ServiceSettings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


# What the user answers on each page: item id -> value as in the JSON API.
ANSWERS: dict[str, dict[str, Any]] = {
    "portfolio": {
        "portfolio.revenue_split": {"ice_fuel_injection": 60, "body_closures": 40},
        "portfolio.contract_horizon": "2027_2029",
        "portfolio.new_nominations": "in_request",
        "portfolio.core_technologies": ["machining", "joining_welding"],
        "portfolio.main_segment": "passenger_cars",
    },
    "market": {"market.top_customer_share": 45, "market.price_pressure": 4},
    "strategy": {"strategy.transformation_strategy": 1, "strategy.fade_out_plan": None},
    "innovation": {"innovation.rd_intensity": "lt1", "innovation.growth_competences": ["ai"]},
    "digital": {"digital.data_usage": 2, "digital.systems_in_use": ["erp"]},
    "energy": {"energy.carbon_accounting": 1},
    "workforce": {"workforce.training_days": "2,5"},
    "finance": {"finance.ebit_margin": "0_3", "finance.bank_access": None},
}


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


def _note_violation(problems: list[str], message: str) -> None:
    if "Content Security Policy" in message:
        problems.append(message)


def _by_id(page: Page, element_id: str) -> Any:
    return page.locator(f'[id="{element_id}"]')


def _answer(page: Page, item_id: str, value: Any) -> None:
    """Answer one question as a person would: click the choice, type into the field."""
    if value is None:
        unknown = _by_id(page, f"{item_id}--dont-know")
        if unknown.count() == 0:
            unknown = _by_id(page, f"{item_id}:unknown")
        unknown.click()
    elif isinstance(value, dict):
        for category, share in value.items():
            field = _by_id(page, f"{item_id}:{category}")
            field.click()
            field.press_sequentially(str(share))
    elif isinstance(value, list):
        for option in value:
            _by_id(page, f"{item_id}-{option}").check()
    elif _by_id(page, f"{item_id}-{value}").count():
        page.locator(f'label[for="{item_id}-{value}"]').click()  # clicking the label text
    else:
        field = _by_id(page, item_id)
        field.click()
        field.press_sequentially(str(value))


def _fill_step(page: Page, dimension: str) -> None:
    for item_id, value in ANSWERS[dimension].items():
        _answer(page, item_id, value)
    page.get_by_role("button", name="Speichern und").first.click()


def test_a_company_fills_the_check_in_a_real_browser(served: str, tmp_path: Path) -> None:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            laptop = browser.new_context()
            page = laptop.new_page()
            page.on("console", lambda m: _note_violation(problems, m.text))
            page.goto(f"{served}/")
            expect(page.locator("html")).to_have_attribute("lang", "de")
            page.get_by_role("link", name="Check starten").click()

            # The profile, typed with the keyboard; consents ticked with the space bar.
            expect(page.get_by_text("Schritt 1 von 9")).to_be_visible()
            _by_id(page, "company.name").click()
            page.keyboard.type("Muster <Präzision> GmbH")
            page.keyboard.press("Tab")
            _by_id(page, "company.employees-50_249").check()
            _by_id(page, "company.district-bamberg_land").check()
            _by_id(page, "company.contact_name").fill("Erika Muster")
            _by_id(page, "company.contact_email").fill("erika.muster@example.com")
            _by_id(page, "company.consent_processing").focus()
            page.keyboard.press("Space")
            page.get_by_role("button", name="Speichern und weiter").click()

            expect(page.get_by_text("Schritt 2 von 9")).to_be_visible()
            _fill_step(page, "portfolio")
            expect(page.get_by_text("Schritt 3 von 9")).to_be_visible()
            # A typo first: the message appears next to the field, the typed text stays.
            _by_id(page, "market.top_customer_share").fill("viel")
            page.keyboard.press("Enter")  # submits with the first button: save and continue
            expect(page.locator('[id="market.top_customer_share-error"]')).to_contain_text(
                "Erwartet wird eine Zahl."
            )
            expect(_by_id(page, "market.top_customer_share")).to_have_value("viel")
            _by_id(page, "market.top_customer_share").fill("")
            _fill_step(page, "market")
            expect(page.get_by_text("Schritt 4 von 9")).to_be_visible()
            resume_url = page.locator("#resume-link").input_value()
            assert resume_url.startswith(f"{served}/resume/")
            laptop.close()

            # Another device: a fresh context knows nothing but the link.
            office = browser.new_context()
            page = office.new_page()
            page.on("console", lambda m: _note_violation(problems, m.text))
            page.goto(resume_url)
            expect(page.get_by_text("Schritt 4 von 9")).to_be_visible()
            assert "/resume/" not in page.url
            for dimension in ("strategy", "innovation", "digital", "energy", "workforce"):
                _fill_step(page, dimension)
            expect(page.get_by_text("Schritt 9 von 9")).to_be_visible()
            _fill_step(page, "finance")

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
                str(assessment_id_from_token(BOOKING_LINK_SECRET, booking_token, datetime.now(UTC)))
                == assessment_id
            )
            page.screenshot(path=str(tmp_path / "result.png"), full_page=True)
            office.close()
        finally:
            browser.close()
    assert problems == []  # nothing the Content-Security-Policy had to block
