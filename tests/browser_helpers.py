"""The real-browser tests' shared pieces: Debian's Chromium, headless, with a watch on the
Content-Security-Policy, and how a company answers the questionnaire's pages."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# What a company answers on each page after the profile: item id -> value as in the JSON API.
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


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def watch_content_security_policy(page: Page, problems: list[str]) -> None:
    """Collect what the page's Content-Security-Policy had to block (should stay empty)."""
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )


def by_id(page: Page, element_id: str) -> Any:
    return page.locator(f'[id="{element_id}"]')


def answer(page: Page, item_id: str, value: Any) -> None:
    """Answer one question as a person would: click the choice, type into the field."""
    if value is None:
        unknown = by_id(page, f"{item_id}--dont-know")
        if unknown.count() == 0:
            unknown = by_id(page, f"{item_id}:unknown")
        unknown.click()
    elif isinstance(value, dict):
        for category, share in value.items():
            field = by_id(page, f"{item_id}:{category}")
            field.click()
            field.press_sequentially(str(share))
    elif isinstance(value, list):
        for option in value:
            by_id(page, f"{item_id}-{option}").check()
    elif by_id(page, f"{item_id}-{value}").count():
        page.locator(f'label[for="{item_id}-{value}"]').click()  # clicking the label text
    else:
        field = by_id(page, item_id)
        field.click()
        field.press_sequentially(str(value))


def fill_step(page: Page, dimension: str) -> None:
    """Answer one page of the questionnaire and go on."""
    for item_id, value in ANSWERS[dimension].items():
        answer(page, item_id, value)
    page.get_by_role("button", name="Speichern und").first.click()
