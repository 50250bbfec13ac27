"""Accessibility checked by a tool: axe-core runs on every page type of the three services —
the check's start, profile and question pages (with and without errors), review, result and
privacy pages, the booking pages, the desk, the error pages — in German, English and Dutch,
each chosen as a reader's browser chooses it (its language, sent as Accept-Language), and
finds no serious or critical violation of WCAG 2.1 A/AA."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from accessibility_helpers import (
    PASSWORD,
    Services,
    add_advisor,
    company_scored,
    expired_booking_path,
    expired_download_path,
    serious_violations,
    submit,
    take_the_check,
)
from browser_helpers import by_id, launch_chromium
from playwright.sync_api import Page, expect, sync_playwright

LOCALES = {"de": "de-DE", "en": "en-GB", "nl": "nl-NL"}


def _booking_pages(page: Page, check: Callable[[str], None]) -> None:
    page.locator('main a[href*="/book/"]').first.click()
    expect(page.locator("fieldset.day").first).to_be_visible()
    check("booking")
    page.locator("fieldset.day input[type=radio]").first.check()
    submit(page)
    expect(page.locator("p.status")).to_be_visible()
    check("booked meeting")
    page.locator('main a[href*="/cancel"]').click()
    expect(page.locator("main form")).to_be_visible()
    check("cancel")
    page.go_back()
    page.locator('main a[href*="/reschedule"]').click()
    expect(page.locator("fieldset.day").first).to_be_visible()
    check("reschedule")


@pytest.mark.parametrize("language", ["de", "en", "nl"])
def test_no_page_has_a_serious_accessibility_violation(services: Services, language: str) -> None:
    admin_id, admin = add_advisor(services.engine("notifications"), "Ada Admin", role="admin")
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(locale=LOCALES[language])
            page = context.new_page()

            def check(name: str) -> None:
                expect(page.locator("html")).to_have_attribute("lang", language)
                if violations := serious_violations(page):
                    found[name] = violations

            take_the_check(page, services, check)
            assessment_id = company_scored(
                services.engine("assessment"), services.engine("notifications"), admin_id
            )
            _booking_pages(page, check)

            desk = f"{services.urls['notifications']}/desk"
            page.goto(f"{desk}/login")
            check("desk login")
            by_id(page, "email").fill(admin)
            by_id(page, "password").fill("not the password")
            page.locator("main form button[type=submit]").click()
            check("desk login with errors")
            by_id(page, "email").fill(admin)
            by_id(page, "password").fill(PASSWORD)
            page.locator("main form button[type=submit]").click()
            expect(page.locator("main table").first).to_be_visible()
            check("desk company list")
            for path in (
                "meetings",
                "availability",
                "mails",
                "advisors",
                "callbacks",
                "funding-reviews",
                f"companies/{assessment_id}",
                f"companies/{assessment_id}/privacy",
            ):
                page.goto(f"{desk}/{path}")
                check(f"desk {path.replace(assessment_id, '<id>')}")

            for service, url in services.urls.items():
                page.goto(f"{url}/no/such/page")
                check(f"{service}: page not found")
            page.goto(f"{services.urls['notifications']}{expired_booking_path(services)}")
            check("expired booking link")
            page.goto(f"{services.urls['reporting']}{expired_download_path(services)}")
            check("expired download link")
            context.close()
        finally:
            browser.close()
    assert found == {}, "\n".join(
        f"{name}:\n  " + "\n  ".join(violations) for name, violations in found.items()
    )


def test_the_check_names_rule_impact_help_and_elements_of_what_it_finds() -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.set_content(
                '<!doctype html><html lang="de"><title>Probe</title><main>'
                '<img id="photo" src="data:,"><a id="empty" href="/"></a>'
                '<p id="faint" style="color:#bbb;background:#fff">blass</p></main></html>'
            )
            violations = serious_violations(page)
        finally:
            browser.close()

    assert violations == [
        "color-contrast (serious): Elements must meet minimum color contrast ratio thresholds;"
        " #faint",
        "image-alt (critical): Images must have alternative text; #photo",
        "link-name (serious): Links must have discernible text; #empty",
    ]
