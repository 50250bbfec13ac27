"""`make demo` (`wegweiser-dev demo`): fill a running `make run` system with a few companies.

It seeds the demo advisors (`notifications-seed`), creates a desk login for the demo, and
takes the example companies of the event contract through the assessment API as a company
would: start, answer every page, submit. Then it waits until their reports exist and prints
where to look: the result pages, the mails, the advisor desk.

The demo login's password is printed and meant for this machine only.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from devstack.dev_settings import DevSettings
from devstack.ports import LOOPBACK
from eventing.examples import all_examples

logger = logging.getLogger(__name__)

DEMO_ADMIN_EMAIL = "demo-admin@cluster.example.org"
DEMO_ADMIN_PASSWORD = "wegweiser-demo"  # noqa: S105 - a local demo login, printed on purpose
REPORT_TIMEOUT_S = 120.0


class DemoFailed(RuntimeError):
    pass


def seed(environ: Mapping[str, str]) -> int:
    """`make seed`: the demo advisors, in the database `make run` uses (migrated first)."""
    settings = DevSettings.from_env(environ)
    env = settings.child_environment(environ)
    try:
        _run_tool(settings, env, ["notifications-migrate"])
        _run_tool(settings, env, ["notifications-seed"])
    except DemoFailed as error:
        logger.error("%s", error)
        return 1
    return 0


def main(environ: Mapping[str, str]) -> int:
    settings = DevSettings.from_env(environ)
    env = settings.child_environment(environ)
    assessment = f"http://{LOOPBACK}:{settings.web_ports['assessment']}"
    notifications = f"http://{LOOPBACK}:{settings.web_ports['notifications']}"
    try:
        _run_tool(settings, env, ["notifications-seed"])
        _run_tool(
            settings,
            env,
            [
                "notifications-admin",
                "create",
                "--email",
                DEMO_ADMIN_EMAIL,
                "--name",
                "Demo-Admin",
                "--password-stdin",
            ],
            stdin=DEMO_ADMIN_PASSWORD,
        )
        submitted = [_take_the_check(assessment, company) for company in demo_companies()]
        _wait_for_reports(assessment, submitted)
    except DemoFailed as error:
        logger.error("demo failed: %s (is `make run` running?)", error)
        return 1
    companies = "".join(f"  {name}: {resume_url}\n" for name, resume_url, _, _ in submitted)
    logger.info(
        "\nThe demo companies are submitted and their reports are ready:\n%s\n"
        "Mails (reports to advisors, links to companies): http://%s:%s/\n"
        "Advisor desk: %s/desk/  (login %s / %s)\n"
        "Open a resume link to see the company's result page and book a meeting from it.",
        companies,
        LOOPBACK,
        settings.mail_ui_port,
        notifications,
        DEMO_ADMIN_EMAIL,
        DEMO_ADMIN_PASSWORD,
    )
    return 0


# Size bands of older examples that the current questionnaire splits, and the part the
# example firms fall in: ruleset 2026.2 split 250-999 staff, and they have under 400.
SPLIT_SIZE_BANDS = {"250_999": "250_399"}


def demo_companies() -> list[dict[str, Any]]:
    """The companies of the contract's `assessment.scored` examples, with their answers, as
    they would start a check today."""
    companies = []
    for example in all_examples():
        if example.name.startswith("assessment.scored."):
            data = json.loads(example.raw)["data"]
            employees = data["company"]["employees"]
            data["company"]["employees"] = SPLIT_SIZE_BANDS.get(employees, employees)
            companies.append(data)
    return companies


def _take_the_check(base_url: str, scored: Mapping[str, Any]) -> tuple[str, str, str, str]:
    company = scored["company"]
    started = _call(
        "POST",
        f"{base_url}/api/v1/assessments",
        {
            "language": scored["language"],
            "company": {key: company[key] for key in ("name", "employees", "district")}
            | {"revenue_band": company.get("revenue_band")},
            "contact": scored["contact"],
            "consents": {"processing": True, **scored["consents"]},
        },
    )
    token = started["token"]
    assessment = f"{base_url}/api/v1/assessments/{started['id']}"
    _call("PUT", f"{assessment}/answers", {"answers": scored["answers"]}, token)
    _call("POST", f"{assessment}/submit", None, token)
    return company["name"], started["resume_url"], assessment, token


def _wait_for_reports(base_url: str, submitted: list[tuple[str, str, str, str]]) -> None:
    deadline = time.monotonic() + REPORT_TIMEOUT_S
    waiting = {name: (assessment, token) for name, _, assessment, token in submitted}
    while waiting:
        for name, (assessment, token) in list(waiting.items()):
            result = _call("GET", f"{assessment}/result", None, token)
            if result.get("report", {}).get("status") != "pending":
                waiting.pop(name)
        if waiting and time.monotonic() > deadline:
            raise DemoFailed(f"no report after {REPORT_TIMEOUT_S:.0f} s for {', '.join(waiting)}")
        time.sleep(1)


def _call(method: str, url: str, body: Any, token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            answer: dict[str, Any] = json.loads(response.read() or b"{}")
            return answer
    except (urllib.error.URLError, OSError) as error:
        raise DemoFailed(f"{method} {url}: {error}") from error


def _run_tool(
    settings: DevSettings, env: Mapping[str, str], argv: list[str], stdin: str | None = None
) -> None:
    command = [str(settings.bin_dir / argv[0]), *argv[1:]]
    done = subprocess.run(
        command, env=dict(env), input=stdin, text=True, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise DemoFailed(f"{argv[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    logger.info("%s: %s", argv[0], done.stdout.strip() or "done")
