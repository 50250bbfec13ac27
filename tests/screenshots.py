"""`make screenshots`: the result page, the booking page and the desk's company list as a
Dutch reader sees them, rendered by Chromium into PNGs for the README (docs/screenshots/).

Runs the three services on loopback ports with throwaway databases, as the accessibility
tests do, takes a company through the check in a browser asking for Dutch, books nothing and
logs an advisor into the desk."""

from __future__ import annotations

import sys
import tempfile
from datetime import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "integration" / "accessibility"))

from accessibility_helpers import (
    PASSWORD,
    add_advisor,
    company_scored,
    served_services,
    take_the_check,
)
from browser_helpers import by_id, launch_chromium
from playwright.sync_api import expect, sync_playwright

VIEWPORT = {"width": 1280, "height": 900}


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, served_services(Path(scratch)) as services:
        advisor_id, email = add_advisor(
            services.engine("notifications"), "Anna Berger", hours=(time(9), time(16))
        )
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_context(locale="nl-NL", viewport=VIEWPORT).new_page()
                take_the_check(page, services, lambda name: None)
                page.screenshot(path=str(target / "result-nl.png"))
                company_scored(
                    services.engine("assessment"), services.engine("notifications"), advisor_id
                )
                page.locator('main a[href*="/book/"]').first.click()
                expect(page.locator("fieldset.day").first).to_be_visible()
                page.screenshot(path=str(target / "booking-nl.png"))

                page.goto(f"{services.urls['notifications']}/desk/login")
                by_id(page, "email").fill(email)
                by_id(page, "password").fill(PASSWORD)
                page.locator("main form button[type=submit]").click()
                expect(page.locator("main table").first).to_be_visible()
                page.screenshot(path=str(target / "desk-nl.png"))
            finally:
                browser.close()
    for png in sorted(target.glob("*-nl.png")):
        sys.stdout.write(f"{png} ({png.stat().st_size // 1024} kB)\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
