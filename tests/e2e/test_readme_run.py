"""The README's own run, as a new user takes it: `make run` (its command, `wegweiser-dev run`)
in a fresh folder with the README's default settings and ports, `make seed`, then in headless
Chromium a company takes the check, opens its PDF and books a meeting; every link in every
mail on the mail page opens; the first admin, made with `notifications-admin create`, opens
the company and its PDF in the advisor desk; every link `make demo` prints opens; Ctrl-C
stops it all.

Nothing here sets a path, database URL, secret or port: a default that only works because
tests override it fails here. The default ports must be free; if not, this fails, not skips.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from browser_helpers import launch_chromium
from e2e_helpers import (
    eventually,
    log_into_the_desk,
    report_link_appears,
    take_the_check_in_the_browser,
)
from playwright.sync_api import APIRequestContext, BrowserContext, expect, sync_playwright
from process_tree import command_line, descendants, is_alive
from supervisor_process import Supervisor

from devstack.mailbox import Mailbox
from devstack.ports import LOOPBACK, port_accepts, wait_until
from devstack.run import READY_LINE

BIN = Path(sys.executable).parent
# The README's table of where everything is, by the variable that would move it.
README_PORTS = {
    "ASSESSMENT_PORT": 8000,
    "REPORTING_PORT": 8001,
    "NOTIFICATIONS_PORT": 8002,
    "KAFKA_LOCAL_PORT": 9092,
    "SMTP_PORT": 1025,
    "MAIL_UI_PORT": 8025,
}
ASSESSMENT = "http://127.0.0.1:8000"
REPORTING = "http://127.0.0.1:8001"
NOTIFICATIONS = "http://127.0.0.1:8002"
MAIL_PAGE = "http://127.0.0.1:8025"
# Inherited variables that would change what runs: the README's settings and the test
# harness's own. Left unset, the README's defaults are what is tested.
_SETTING_PREFIXES = (
    "KAFKA_",
    "SMTP_",
    "MAIL_",
    "ASSESSMENT_",
    "REPORTING_",
    "NOTIFICATIONS_",
    "PUBLIC_BASE_URL_",
    "METRICS_",
    "DEVSTACK_",
    "WEGWEISER_",
    "PROMETHEUS_",
)
_SETTINGS = ("SECRET_KEY", "BOOKING_LINK_SECRET", "WEB_CONCURRENCY", "LOG_LEVEL")

START_TIMEOUT_S = 120  # broker, three migrations, eleven processes on two busy cores
PIPELINE_TIMEOUT_S = 120
STOP_TIMEOUT_S = 30
COMPANY = "Frische Kasse Zerspanung GmbH"
CONTACT = "paula.neu@frische-kasse.example"
ADMIN_EMAIL = "you@example.org"
ADMIN_PASSWORD = "readme-admin-password"  # noqa: S105 - a login on a throwaway database
_URL = re.compile(r"https?://[^\s<>\"')]+")


def _readme_environment() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_SETTING_PREFIXES) and name not in _SETTINGS
    }


def _run(workdir: Path, argv: list[str], stdin: str | None = None, timeout: float = 60) -> str:
    """A console script of the venv, run from the folder `make run` runs in; its output."""
    done = subprocess.run(
        [str(BIN / argv[0]), *argv[1:]],
        cwd=workdir,
        env=_readme_environment(),
        input=stdin,
        text=True,
        capture_output=True,
        check=False,
        timeout=timeout,
    )
    assert done.returncode == 0, (argv, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Supervisor]:
    taken = {name: port for name, port in README_PORTS.items() if port_accepts(LOOPBACK, port)}
    if taken:
        pytest.fail(f"the README's run needs its default ports; in use: {taken}")
    workdir = tmp_path_factory.mktemp("fresh-project-folder")
    supervisor = Supervisor(workdir, _readme_environment(), README_PORTS)
    try:
        supervisor.wait_for_line(READY_LINE, timeout=START_TIMEOUT_S)
        _run(workdir, ["wegweiser-dev", "seed"])  # `make seed`: advisors with free hours
        yield supervisor
        # Ctrl-C, as the README says; everything it started goes, every port is free.
        family = descendants(supervisor.process.pid)
        supervisor.process.send_signal(signal.SIGINT)
        assert supervisor.wait(timeout=STOP_TIMEOUT_S) == 0, "".join(supervisor.output[-40:])
        assert wait_until(lambda: not [pid for pid in family if is_alive(pid)], 15, 0.1), [
            command_line(pid) for pid in family if is_alive(pid)
        ]
        assert not [port for port in README_PORTS.values() if port_accepts(LOOPBACK, port)]
    finally:
        supervisor.close()


def _pdf_text(pdf: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _assert_opens_as_pdf_of_the_company(request: APIRequestContext, url: str) -> None:
    assert url.startswith(f"{REPORTING}/reports/"), url
    answer = request.get(url)
    assert answer.status == 200, (url, answer.status, answer.text()[:300])
    assert answer.headers["content-type"] == "application/pdf"
    assert COMPANY in _pdf_text(answer.body())


def _assert_opens(request: APIRequestContext, urls: Mapping[str, str]) -> None:
    """Each URL (a key; its value says where it came from) answers 2xx, redirects followed."""
    failed = {}
    for url, found_in in urls.items():
        status = request.get(url).status
        if not 200 <= status < 300:
            failed[url] = (status, found_in)
    assert not failed, failed


def _mails_are_in(mailbox: Mailbox) -> bool:
    """The company's report mail, the advisor's, and the invitation to each of them."""
    messages = mailbox.messages()
    advisors = {m["To"] for m in messages if str(m["Subject"]).startswith("Neue Potenzialanalyse")}
    invited = {m["To"] for m in messages if m.get_content_type() == "multipart/mixed"}  # .ics
    told = any(m["To"] == CONTACT and COMPANY in str(m["Subject"]) for m in messages)
    return told and bool(advisors) and {CONTACT, *advisors} <= invited


def _links_on_the_mail_page(context: BrowserContext) -> dict[str, str]:
    """Every http(s) link in every mail, read from the mail page as a person would see it:
    the text part and the HTML part of each mail."""
    page = context.new_page()
    page.goto(f"{MAIL_PAGE}/")
    mails = page.locator('a[href^="/mail/"]').evaluate_all("links => links.map(a => a.href)")
    links: dict[str, str] = {}
    for mail in mails:
        page.goto(mail)
        subject = page.title()
        for url in _URL.findall(page.locator("pre").first.inner_text()):
            links.setdefault(url.rstrip(".,;:"), subject)
        page.goto(f"{mail}/html")
        for url in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
            if url.startswith("http"):
                links.setdefault(url, subject)
    page.close()
    return links


def test_a_company_and_an_advisor_walk_the_readme(readme_run: Supervisor) -> None:
    mailbox = Mailbox(readme_run.workdir / "var" / "mail")  # the README: .eml files in var/mail
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(locale="de-DE")  # German company, German browser
            company = context.new_page()
            take_the_check_in_the_browser(company, ASSESSMENT, COMPANY, CONTACT)
            pdf_url = report_link_appears(company, PIPELINE_TIMEOUT_S)
            _assert_opens_as_pdf_of_the_company(context.request, pdf_url)

            company.get_by_role("link", name="Transformationsgespräch buchen").click()
            assert company.url.startswith(f"{NOTIFICATIONS}/book/")
            company.locator("fieldset.day").first.get_by_role("radio").first.check()
            company.get_by_role("button", name="Termin verbindlich buchen").click()
            expect(company.get_by_text("Ihr Termin ist gebucht.")).to_be_visible()

            eventually(lambda: _mails_are_in(mailbox), PIPELINE_TIMEOUT_S, "the mails")
            links = _links_on_the_mail_page(context)
            assert pdf_url in links  # the report mails carry the result page's PDF link
            assert any(url.startswith(f"{NOTIFICATIONS}/book/") for url in links)
            _assert_opens(context.request, links)

            admin = ["create", "--email", ADMIN_EMAIL, "--name", "Your Name", "--password-stdin"]
            _run(readme_run.workdir, ["notifications-admin", *admin], stdin=ADMIN_PASSWORD)
            desk = browser.new_context(locale="de-DE").new_page()
            log_into_the_desk(desk, NOTIFICATIONS, ADMIN_EMAIL, ADMIN_PASSWORD)
            expect(desk.get_by_role("heading", name="Alle Unternehmen")).to_be_visible()
            desk.locator("tr", has_text=COMPANY).get_by_role("link", name=COMPANY).click()
            expect(desk.get_by_role("heading", name=COMPANY)).to_be_visible()
            desk_pdf = desk.get_by_role("link", name="PDF herunterladen").get_attribute("href")
            assert desk_pdf is not None
            _assert_opens_as_pdf_of_the_company(desk.request, desk_pdf)
        finally:
            browser.close()


def test_every_link_make_demo_prints_opens(readme_run: Supervisor) -> None:
    printed = _run(readme_run.workdir, ["wegweiser-dev", "demo"], timeout=300)

    links = dict.fromkeys(_URL.findall(printed), "make demo")
    hosts = {url.split("/")[2] for url in links}
    assert hosts == {"127.0.0.1:8000", "127.0.0.1:8002", "127.0.0.1:8025"}, printed
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            _assert_opens(browser.new_context().request, links)
        finally:
            browser.close()
