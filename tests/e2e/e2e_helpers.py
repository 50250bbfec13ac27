"""What the end-to-end tests do to and read from a running system: a company taking the check
over the API or in the browser, the databases, the topics, the mails and the processes'
/metrics."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import requests
from browser_helpers import ANSWERS, by_id, fill_step
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from playwright.sync_api import Page, expect
from sqlalchemy import Executable, Row, func, select

from devstack.demo import demo_companies
from devstack.system import System
from eventing.tables import outbox
from eventing.topics import TOPICS
from mailing.tables import mail_outbox
from servicekit.db import make_engine
from servicekit.settings import DEFAULT_PORTS


@dataclass(frozen=True)
class Submitted:
    assessment_id: str
    token: str
    company_name: str
    contact_email: str
    submit_status: int


def take_the_check(
    system: System, name: str, *, district: str = "coburg", language: str = "de"
) -> Submitted:
    """A company starts, answers every page and submits through the JSON API, as the demo
    does; its name and contact address are unique, so a test finds its own mails."""
    example = demo_companies()[0]
    slug = uuid.uuid4().hex[:8]
    company = {key: example["company"][key] for key in ("employees", "revenue_band")}
    email = f"contact-{slug}@company.example"
    api = f"{system.url('assessment')}/api/v1/assessments"
    started = _ok(
        requests.post(
            api,
            json={
                "language": language,
                "company": company | {"name": f"{name} {slug} GmbH", "district": district},
                "contact": {"name": "Erika Muster", "email": email},
                "consents": {"processing": True, **example["consents"]},
            },
            timeout=30,
        )
    ).json()
    auth = {"Authorization": f"Bearer {started['token']}"}
    _ok(
        requests.put(
            f"{api}/{started['id']}/answers",
            json={"answers": example["answers"]},
            headers=auth,
            timeout=30,
        )
    )
    submitted = _ok(requests.post(f"{api}/{started['id']}/submit", headers=auth, timeout=30))
    return Submitted(
        started["id"], started["token"], f"{name} {slug} GmbH", email, submitted.status_code
    )


def take_the_check_in_the_browser(
    page: Page, assessment_url: str, company: str, contact_email: str
) -> None:
    """A company takes the check page by page in German, up to its result page."""
    page.goto(f"{assessment_url}/")
    page.get_by_role("link", name="Check starten").click()
    expect(page.get_by_text("Schritt 1 von 9")).to_be_visible()
    by_id(page, "company.name").fill(company)
    by_id(page, "company.employees-50_249").check()
    by_id(page, "company.district-bamberg_land").check()
    by_id(page, "company.contact_name").fill("Erika Muster")
    by_id(page, "company.contact_email").fill(contact_email)
    by_id(page, "company.consent_processing").check()
    by_id(page, "company.consent_advisor_sharing").check()  # else no advisor is told
    page.get_by_role("button", name="Speichern und weiter").click()
    for step, dimension in enumerate(ANSWERS, start=2):
        expect(page.get_by_text(f"Schritt {step} von 9")).to_be_visible()
        fill_step(page, dimension)
    expect(page.get_by_role("heading", name="Ihre Antworten prüfen")).to_be_visible()
    page.get_by_role("button", name="Verbindlich absenden und auswerten").click()
    expect(page.get_by_role("heading", name=f"Ihr Ergebnis: {company}")).to_be_visible()


def log_into_the_desk(page: Page, notifications_url: str, email: str, password: str) -> None:
    """Open the advisor desk and log in; it answers with the list of companies."""
    page.goto(f"{notifications_url}/desk/")
    page.locator('input[name="email"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name=re.compile("Unternehmen$"))).to_be_visible()


def report_link_appears(page: Page, timeout_s: float) -> str:
    """Reload the result page until the report is ready, as a waiting company would."""

    def ready() -> str | None:
        page.reload()
        link = page.get_by_role("link", name="Bericht herunterladen")
        return link.get_attribute("href") if link.count() else None

    return eventually(ready, timeout_s, "the report link on the result page")


def _ok(response: requests.Response) -> requests.Response:
    assert response.status_code in (200, 201), (response.status_code, response.text[:500])
    return response


def rows(system: System, service: str, query: Executable) -> Sequence[Row]:
    engine = make_engine(system.database_urls[service])
    try:
        with engine.connect() as connection:
            return connection.execute(query).all()
    finally:
        engine.dispose()


def mails_to(system: System, recipient: str, subject_start: str = "") -> list[EmailMessage]:
    return [
        message
        for message in system.smtp.messages()
        if message["To"] == recipient and str(message["Subject"]).startswith(subject_start)
    ]


def advisor_report_mails(system: System, company_name: str) -> list[EmailMessage]:
    """The mails telling an advisor about a company's new report."""
    return [
        message
        for message in system.smtp.messages()
        if str(message["Subject"]).startswith("Neue Potenzialanalyse: ")
        and company_name in str(message["Subject"])
    ]


def read_topic(system: System, topic: str, *, quiet_s: float = 1.5) -> list[ConsumerRecord]:
    """Every record on the topic now, read without a consumer group."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=[system.broker.bootstrap_servers],
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=20,
    )
    records: list[ConsumerRecord] = []
    try:
        # Partition assignment and the first fetches take a moment; then quiet means done.
        last_news = time.monotonic()
        while time.monotonic() - last_news < quiet_s:
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
                last_news = time.monotonic()
    finally:
        consumer.close(autocommit=False)
    return records


def header(record: ConsumerRecord, name: str) -> str | None:
    for key, value in record.headers or []:
        if key == name:
            return value.decode()
    return None


def consumed(system: System, process: str, event_type: str, outcome: str) -> float:
    """The process's wegweiser_events_consumed_total for one event type and outcome."""
    port = system.metrics_ports[process]
    metrics = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    pattern = (
        r"^wegweiser_events_consumed_total\{(?=[^}]*event_type=\"" + re.escape(event_type) + r"\")"
        r"(?=[^}]*outcome=\"" + re.escape(outcome) + r"\")[^}]*\} (\S+)$"
    )
    return sum(float(value) for value in re.findall(pattern, metrics, re.MULTILINE))


def eventually(condition: Callable[[], Any], timeout_s: float, what: str) -> Any:
    """Poll until `condition()` returns something truthy and return it."""
    deadline = time.monotonic() + timeout_s
    while True:
        outcome = condition()
        if outcome:
            return outcome
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(0.25)


# The services that send mail keep a mail outbox.
MAILING_SERVICES = ("assessment", "notifications")


def settled(system: System, timeout_s: float = 60) -> None:
    """The barrier before "nothing else happened": every service's outbox is published,
    every consumer group has committed to the end of each topic it reads (the registry
    says which), and no mail is due. Two passes in a row must see the same end offsets, so
    an event published by an effect between the checks is waited for too."""
    seen: list[dict[TopicPartition, int]] = []

    def quiet() -> bool:
        ends = _end_offsets(system)
        calm = (
            _outboxes_empty(system)
            and all(_committed_to(system, group, ends) for group in DEFAULT_PORTS)
            and not _mails_due(system)
        )
        same = bool(seen) and seen[-1] == ends
        seen.append(ends)
        return calm and same

    eventually(quiet, timeout_s, "every event published and consumed, every due mail sent")


def _end_offsets(system: System) -> dict[TopicPartition, int]:
    consumer = KafkaConsumer(bootstrap_servers=[system.broker.bootstrap_servers])
    try:
        # The broker's partitions, not the registry's: a restarted Tansu may have re-created
        # a topic with its own count.
        partitions = [
            TopicPartition(topic, number)
            for topic in TOPICS
            for number in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        if system.broker.profile != "tansu":
            return dict(consumer.end_offsets(partitions))
    finally:
        consumer.close(autocommit=False)
    # Tansu's end offsets stop at the first record of the last batch
    # (shared/research/tansu-broker.md): read what is there instead.
    ends = dict.fromkeys(partitions, 0)
    for topic in TOPICS:
        for record in read_topic(system, topic):
            ends[TopicPartition(topic, record.partition)] = record.offset + 1
    return ends


def _committed_to(system: System, group: str, ends: dict[TopicPartition, int]) -> bool:
    read = [p for p in ends if group in TOPICS[p.topic].consumers]
    admin = KafkaAdminClient(bootstrap_servers=[system.broker.bootstrap_servers])
    try:
        committed = admin.list_group_offsets({group: read})[group]
    finally:
        admin.close()
    # A partition the group never committed on reads -1 (or is absent): nothing consumed.
    return all(
        max(committed[p].offset, 0) >= ends[p] if p in committed else ends[p] == 0 for p in read
    )


def _outboxes_empty(system: System) -> bool:
    return all(
        rows(system, service, select(func.count()).select_from(outbox))[0][0] == 0
        for service in DEFAULT_PORTS
    )


def _mails_due(system: System) -> int:
    due = select(func.count()).where(
        mail_outbox.c.status == "queued", mail_outbox.c.next_attempt_at <= datetime.now(UTC)
    )
    return sum(rows(system, service, due)[0][0] for service in MAILING_SERVICES)
