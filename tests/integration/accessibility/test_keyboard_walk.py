"""A company that uses no mouse: with the keyboard alone (Tab, Shift+Tab, Space, Enter, the
arrow keys) it skips to the content, goes through the whole check to its result and books a
meeting, in Dutch; the focus is visible wherever it presses a button."""

from __future__ import annotations

from typing import Any

from accessibility_helpers import Services, add_advisor, company_scored
from browser_helpers import ANSWERS, launch_chromium
from playwright.sync_api import Page, expect, sync_playwright

# Far more than any page's tab stops: a field not reached by then is not reachable.
MOST_TAB_STOPS = 250
PROFILE: dict[str, Any] = {
    "company.name": "Muster Precisie B.V.",
    "company.employees": "50_249",
    "company.district": "bamberg_land",
    "company.contact_name": "Eva de Vries",
    "company.contact_email": "eva.devries@example.com",
    "company.consent_processing": True,
    "company.consent_advisor_sharing": True,
}


def _focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "selector => document.activeElement !== null && document.activeElement.matches(selector)",
        selector,
    )


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focus is on an element matching `selector`."""
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        if _focused(page, selector):
            return
    raise AssertionError(f"Tab never reaches {selector} on {page.url}")


def _focus_is_visible(page: Page) -> bool:
    """Whether the focused element is drawn with an outline or a ring."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none";
        }"""
    )


def _press_button(page: Page, selector: str) -> None:
    _tab_to(page, selector)
    assert _focus_is_visible(page), f"no visible focus on {selector} at {page.url}"
    page.keyboard.press("Enter")


def _choose(page: Page, group: str, option_id: str) -> None:
    """Tab into a radio group (its checked or first option) and arrow to the option."""
    _tab_to(page, f'input[type=radio][name="{group}"]')
    for _ in range(MOST_TAB_STOPS):
        if _focused(page, f'[id="{option_id}"]'):
            break
        page.keyboard.press("ArrowDown")
    if not page.evaluate("() => document.activeElement.checked"):
        page.keyboard.press("Space")


def _answer(page: Page, item_id: str, value: Any) -> None:
    if value is None:
        if page.locator(f'[id="{item_id}--dont-know"]').count():
            _choose(page, item_id, f"{item_id}--dont-know")
        else:
            _tab_to(page, f'[id="{item_id}:unknown"]')
            page.keyboard.press("Space")
    elif value is True:
        _tab_to(page, f'[id="{item_id}"]')
        page.keyboard.press("Space")
    elif isinstance(value, dict):
        for category, share in value.items():
            _tab_to(page, f'[id="{item_id}:{category}"]')
            page.keyboard.type(str(share))
    elif isinstance(value, list):
        for option in value:
            _tab_to(page, f'[id="{item_id}-{option}"]')
            page.keyboard.press("Space")
    elif page.locator(f'[id="{item_id}-{value}"]').count():
        _choose(page, item_id, f"{item_id}-{value}")
    else:
        _tab_to(page, f'[id="{item_id}"]')
        page.keyboard.type(str(value))


def test_a_company_checks_and_books_with_the_keyboard_alone(services: Services) -> None:
    advisor_id, _ = add_advisor(services.engine("notifications"), "Anna Berger")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(locale="nl-NL").new_page()
            page.goto(f"{services.urls['assessment']}/")

            # The skip link is the first stop and takes the focus to the content.
            page.keyboard.press("Tab")
            assert _focused(page, "a.skip-link")
            assert _focus_is_visible(page)
            expect(page.locator("a.skip-link")).to_have_text("Naar de inhoud")
            expect(page.locator("a.skip-link")).to_be_in_viewport()
            page.keyboard.press("Enter")
            assert _focused(page, "main#content")

            _press_button(page, "main a.button.primary")  # start the check
            expect(page.locator("h1")).to_have_text("Uw bedrijf")
            for item_id, value in PROFILE.items():
                _answer(page, item_id, value)
            _press_button(page, "main form button.primary")
            for answers in ANSWERS.values():
                expect(page.locator(f'[id^="{next(iter(answers))}"]').first).to_be_attached()
                for item_id, value in answers.items():
                    _answer(page, item_id, value)
                # Back once with Shift+Tab from the second button, as a user who went too far.
                _tab_to(page, 'main form button[value="save"]')
                page.keyboard.press("Shift+Tab")
                assert _focused(page, "main form button.primary")
                assert _focus_is_visible(page)
                page.keyboard.press("Enter")

            expect(page.locator(".error-summary")).to_have_count(0)
            _press_button(page, "main form button.primary")  # submit on the review page
            expect(page.locator("h1")).to_have_text("Uw resultaat: Muster Precisie B.V.")

            company_scored(
                services.engine("assessment"), services.engine("notifications"), advisor_id
            )
            _press_button(page, 'main a[href*="/book/"]')
            expect(page.locator("h1")).to_have_text("Transformatiegesprek boeken")
            _tab_to(page, "input[type=radio][name=slot]")
            page.keyboard.press("ArrowDown")  # the second free time
            assert page.evaluate("() => document.activeElement.checked")
            chosen = page.evaluate("() => document.activeElement.labels[0].innerText")
            _press_button(page, "main form.slots button.primary")

            expect(page.locator("p.status")).to_have_text("Uw afspraak is geboekt.")
            expect(page.locator("dl.meeting dd").first).to_contain_text(chosen[:5])
        finally:
            browser.close()
