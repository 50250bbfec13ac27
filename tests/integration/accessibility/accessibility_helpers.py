"""axe-core (pinned in tests/accessibility/package.json, installed by `make test`) run on a
page in the browser, and the data behind the pages: an advisor who covers every district and
is free all week, and the scored company as the notifications consumer records it."""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from unittest import mock

from browser_helpers import ANSWERS, answer, by_id
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, insert, select, update
from testkit.desk import PASSWORD as PASSWORD  # re-exported: the tests sign in with it
from testkit.desk import add_account
from testkit.rulesets import ruleset_received

from assessment.config import AssessmentConfig
from assessment.entrypoints.cli import processes as assessment_processes
from assessment.web import create_app as create_assessment_app
from devstack.served_app import served_app
from eventing.codec import decode
from eventing.tables import outbox
from notifications.adapters import company_assessments
from notifications.adapters.tables import company_assessments as company_table
from notifications.adapters.tables import weekly_availability
from notifications.entrypoints.cli import processes as notifications_processes
from notifications.web import create_app as create_notifications_app
from reporting.adapters.download_links import DownloadLinks
from reporting.config import ReportingConfig
from reporting.entrypoints.cli import processes as reporting_processes
from reporting.web import create_app as create_reporting_app
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION

AXE = Path(__file__).parents[2] / "accessibility" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 levels A and AA, what the EU accessibility rules (EN 301 549) ask of a web page.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
SECRET = "accessibility-test-secret"  # noqa: S105 - a test value
BOOKING_SECRET = "accessibility-booking-secret"  # noqa: S105 - a test value


@dataclasses.dataclass(frozen=True)
class Services:
    """Where each served service answers, and what the tests read and write behind it."""

    urls: dict[str, str]
    apps: dict[str, Flask]
    booking_links: BookingLinks

    def engine(self, service: str) -> Engine:
        return self.apps[service].extensions[ENGINE_EXTENSION]


_RUN_AXE = """async tags => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map(node => node.target.join(" ")),
  }));
}"""


def serious_violations(page: Page) -> list[str]:
    """axe's serious and critical WCAG 2.1 A/AA violations on the page as it stands, one line
    each: rule, impact, help text and the elements concerned.

    axe's source is evaluated through the DevTools protocol, which the page's Content-Security-
    Policy (default-src 'self', no inline script) does not govern, so the page is checked
    under its real policy; `add_script_tag` would insert an inline script the policy blocks,
    and a context with `bypass_csp=True` would also let through inline styles a reader's
    browser blocks, so axe would judge colours no reader sees."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return [
        f"{found['id']} ({found['impact']}): {found['help']}; {', '.join(found['targets'])}"
        for found in page.evaluate(_RUN_AXE, WCAG_TAGS)
        if found["impact"] in BLOCKING_IMPACTS
    ]


def add_advisor(
    engine: Engine, name: str, role: str = "advisor", hours: tuple[time, time] = (time(0), time(23))
) -> tuple[uuid.UUID, str]:
    """A desk account with PASSWORD, free every day during `hours` (so a test books whatever
    the weekday and, by default, the hour); returns its id and address."""
    account_id, email = add_account(engine, name, role)
    with engine.begin() as connection:
        connection.execute(
            insert(weekly_availability),
            [
                {
                    "id": uuid.uuid4(),
                    "advisor_id": account_id,
                    "weekday": day,
                    "starts": hours[0],
                    "ends": hours[1],
                }
                for day in range(7)
            ],
        )
    return account_id, email


def company_scored(assessment: Engine, notifications: Engine, advisor_id: uuid.UUID) -> str:
    """The assessment's scored event, recorded by notifications as its consumer does and
    assigned to the advisor; returns the assessment id."""
    with assessment.connect() as connection:
        payload = connection.execute(
            select(outbox.c.payload).where(outbox.c.event_type == "assessment.scored")
        ).scalar_one()
    scored = decode(payload.encode()).data
    with notifications.begin() as connection:
        company_assessments.record_scored(
            connection, scored["assessment_id"], company_assessments.scored_values(scored)
        )
        connection.execute(
            update(company_table)
            .where(company_table.c.assessment_id == scored["assessment_id"])
            .values(advisor_id=advisor_id, assigned_at=datetime.now(UTC))
        )
    return str(scored["assessment_id"])


def _path(url: str, base_url: str) -> str:
    assert url.startswith(base_url), url
    return url.removeprefix(base_url)


def expired_booking_path(services: Services) -> str:
    long_ago = datetime.now(UTC) - timedelta(days=3650)
    return _path(services.booking_links.url(uuid.uuid4(), long_ago), services.urls["notifications"])


def expired_download_path(services: Services) -> str:
    long_ago = datetime.now(UTC) - timedelta(days=3650)
    links = DownloadLinks(SigningKeys(SECRET), services.urls["reporting"], timedelta(days=1))
    return _path(links.url(uuid.uuid4(), long_ago), services.urls["reporting"])


def _settings(service: str, tmp_path: Path, base_url: str) -> ServiceSettings:
    return ServiceSettings.from_env(
        service,
        {
            f"{service.upper()}_DATABASE_URL": f"sqlite:///{tmp_path / service}.sqlite3",
            f"PUBLIC_BASE_URL_{service.upper()}": base_url,
            "SECRET_KEY": SECRET,
        },
    )


@contextmanager
def served_services(tmp_path: Path) -> Iterator[Services]:
    """All three services on free loopback ports, on SQLite databases in `tmp_path` migrated
    by their own migrate commands (which read the environment)."""
    for service, migrate in (
        ("assessment", assessment_processes.migrate),
        ("reporting", reporting_processes.migrate),
        ("notifications", notifications_processes.migrate),
    ):
        database = {f"{service.upper()}_DATABASE_URL": f"sqlite:///{tmp_path / service}.sqlite3"}
        secrets = {"SECRET_KEY": SECRET, "BOOKING_LINK_SECRET": BOOKING_SECRET}
        with mock.patch.dict(os.environ, {**database, **secrets}):
            migrate()
    # The ruleset's words, as after `assessment-migrate` published them (the desk shows them).
    ruleset_received(f"sqlite:///{tmp_path / 'notifications'}.sqlite3")

    apps: dict[str, Flask] = {}
    urls: dict[str, str] = {}
    links: dict[str, BookingLinks] = {}

    def notifications(base_url: str) -> Flask:
        links["booking"] = BookingLinks(base_url, SigningKeys(BOOKING_SECRET))
        app = create_notifications_app(
            _settings("notifications", tmp_path, base_url), links["booking"]
        )
        apps["notifications"] = app
        return app

    def assessment(base_url: str) -> Flask:
        app = create_assessment_app(
            _settings("assessment", tmp_path, base_url), AssessmentConfig(links["booking"])
        )
        apps["assessment"] = app
        return app

    def reporting(base_url: str) -> Flask:
        config = ReportingConfig(
            links["booking"], storage_dir=tmp_path / "reports", link_lifetime=timedelta(days=90)
        )
        app = create_reporting_app(_settings("reporting", tmp_path, base_url), config)
        apps["reporting"] = app
        return app

    with ExitStack() as stack:
        # Notifications first: the other two hand out links to its booking pages.
        for name, make in (
            ("notifications", notifications),
            ("assessment", assessment),
            ("reporting", reporting),
        ):
            urls[name] = stack.enter_context(served_app(make))
        yield Services(urls, apps, links["booking"])


def submit(page: Page) -> None:
    """Press the form's main button (its words differ by language)."""
    page.locator("main form button.primary").first.click()


def take_the_check(page: Page, services: Services, check: Callable[[str], None]) -> str:
    """A company's way through the check to its result, in the browser's language, with a
    mistake on the profile and on a question page; `check(name)` looks at each page on the
    way. Returns the assessment's pages' address (`…/a/<id>`)."""
    page.goto(f"{services.urls['assessment']}/")
    check("start")
    page.locator("main a.button.primary").click()
    check("profile")
    submit(page)
    expect(page.locator(".error-summary")).to_be_visible()
    check("profile with errors")
    by_id(page, "company.name").fill("Muster Präzision GmbH")
    by_id(page, "company.employees-50_249").check()
    by_id(page, "company.district-bamberg_land").check()
    by_id(page, "company.contact_name").fill("Erika Muster")
    by_id(page, "company.contact_email").fill("erika.muster@example.com")
    by_id(page, "company.consent_processing").check()
    by_id(page, "company.consent_advisor_sharing").check()
    submit(page)
    for dimension, answers in ANSWERS.items():
        expect(page.locator("main form")).to_be_visible()
        if dimension == "portfolio":
            check("question page")
        if dimension == "market":
            by_id(page, "market.top_customer_share").fill("viel")
            submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            check("question page with errors")
            by_id(page, "market.top_customer_share").fill("")
        for item_id, value in answers.items():
            answer(page, item_id, value)
        submit(page)
    expect(page.locator("main form")).to_be_visible()
    check("review")
    submit(page)
    expect(page.locator("svg.radar")).to_be_visible()
    check("result")
    pages = page.url.rsplit("/", 1)[0]
    page.goto(f"{pages}/privacy")
    check("privacy")
    page.goto(f"{pages}/result")
    return pages
