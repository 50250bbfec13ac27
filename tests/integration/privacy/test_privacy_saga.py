"""The erasure saga over the real broker: the company asks the assessment service, all three
services erase their copies (answers, results, contact, PDF, benchmark, read model, meetings,
mails), replayed events bring nothing back, and the confirmation mail is queued only after
all three have completed, its address blanked once it has gone out."""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime

import pytest
from flask import Flask
from privacy_helpers import (
    BOOKING_LINK_SECRET,
    RESUME_LINKS,
    START_BODY,
    Services,
    again,
    relay,
    traces,
)
from sqlalchemy import Engine, Select, Table, func, select, update
from testkit.web import bearer

from assessment.adapters.tables import assessments, erasure_completions, follow_ups
from assessment.entrypoints.consumer import consumer_spec as assessment_consumer
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.retention import apply_retention
from assessment.testing import COMPLETE_ANSWERS
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic, running, to_topic, wait_until
from eventing.topics import TOPICS, topic_for
from eventing.worker import ConsumerWorker, RetryPolicy
from mailing.tables import STATUS_SENT, mail_outbox
from notifications.adapters.mail_links import MailLinks
from notifications.adapters.tables import company_assessments
from notifications.entrypoints.consumer import consumer_spec as notifications_consumer
from reporting.adapters.tables import reports
from reporting.config import ReportingConfig
from reporting.entrypoints.consumer import consumer_spec as reporting_consumer
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys

CONFIRMATION = mail_outbox.c.dedupe_key.startswith("erasure-confirmation:")
MAIN_TABLES = {
    "assessment": assessments,
    "reporting": reports,
    "notifications": company_assessments,
}


@pytest.fixture
def topics(kafka_settings: KafkaSettings) -> dict[str, str]:
    return {name: fresh_topic(kafka_settings, f"privacy-{name}") for name in TOPICS}


@pytest.fixture
def workers(
    services: Services,
    topics: dict[str, str],
    kafka_settings: KafkaSettings,
    publisher: KafkaPublisher,
) -> Iterator[None]:
    """The three services' real consumers, on the test's topics, each in a group of its own."""
    engines = services.engines
    reporting_settings = ServiceSettings.from_env(
        "reporting", {"REPORTING_DATABASE_URL": "sqlite://", "SECRET_KEY": "test-secret"}
    )
    links = MailLinks(
        BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
        "http://assessment.test",
    )
    specs = [
        assessment_consumer(engines["assessment"], RESUME_LINKS),
        reporting_consumer(
            engines["reporting"],
            reporting_settings,
            ReportingConfig(
                BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
                storage_dir=services.storage_dir,
            ),
        ),
        notifications_consumer(engines["notifications"], links),
    ]
    retry = RetryPolicy(first_backoff_s=0.05, max_backoff_s=0.5, unclassified_attempts=3)
    with ExitStack() as stack:
        for spec in specs:
            own = dataclasses.replace(
                spec,
                name=f"{spec.name}-{uuid.uuid4().hex[:8]}",
                topics=tuple(topics[name] for name in spec.topics),
            )
            worker = ConsumerWorker(own, kafka_settings, publisher, retry=retry)
            stack.enter_context(running(worker.run, own.name))
        yield


def count(engine: Engine, query: Select) -> int:
    with engine.connect() as connection:
        return connection.execute(query).scalar_one()


def rows(engine: Engine, table: Table) -> int:
    return count(engine, select(func.count()).select_from(table))


def confirmations(engine: Engine) -> int:
    return count(engine, select(func.count()).where(CONFIRMATION))


def test_erasure_removes_everything_and_replays_bring_nothing_back(
    services: Services,
    apps: dict[str, Flask],
    workers: None,
    topics: dict[str, str],
    publisher: KafkaPublisher,
):
    engines = services.engines
    client = apps["assessment"].test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    token, assessment_id = started["token"], started["id"]
    answers = client.put(
        f"/api/v1/assessments/{assessment_id}/answers",
        json={"answers": COMPLETE_ANSWERS},
        headers=bearer(token),
    )
    assert answers.status_code == 200, answers.json
    assert (
        client.post(
            f"/api/v1/assessments/{assessment_id}/submit", headers=bearer(token)
        ).status_code
        == 200
    )

    # The flow before the erasure: a report (PDF, benchmark entry), the read model, mails.
    forward = relay(engines["assessment"], publisher, topics)
    scored = next(e for e in forward if e.event_type == "assessment.scored")
    company_id = str(scored.data["company_id"])
    wait_until(lambda: rows(engines["reporting"], reports) == 1, 60)
    generated = relay(engines["reporting"], publisher, topics)
    wait_until(
        lambda: (
            rows(engines["notifications"], mail_outbox) >= 1
            and rows(engines["assessment"], follow_ups) == 1
        ),
        what="report mails and follow-up",
    )
    assert list(services.storage_dir.rglob("*.pdf"))

    erasure = client.post(
        f"/api/v1/assessments/{assessment_id}/erasure",
        json={"confirm": True},
        headers=bearer(token),
    )
    assert erasure.status_code == 202
    relay(engines["assessment"], publisher, topics)
    wait_until(
        lambda: all(rows(engines[s], table) == 0 for s, table in MAIN_TABLES.items()),
        what="every service erased",
    )

    # Completions: the confirmation waits for the last of the three.
    completed = {s: relay(engines[s], publisher, topics) for s in ("reporting", "assessment")}
    assert [e.data["service"] for es in completed.values() for e in es] == [
        "reporting",
        "assessment",
    ]
    wait_until(lambda: rows(engines["assessment"], erasure_completions) == 2)
    assert confirmations(engines["assessment"]) == 0
    relay(engines["notifications"], publisher, topics)
    wait_until(lambda: confirmations(engines["assessment"]) == 1)

    # Replays of every older event (a consumer-group reset): nothing comes back.
    replays = [again(e) for e in [*forward, *generated]]
    messages = [to_topic(topics[topic_for(e.event_type).name], e) for e in replays]
    assert publisher.send_batch(messages) == [None] * len(messages)
    time.sleep(3)  # the consumers have the replays by now; they must have changed nothing

    name, email = START_BODY["company"]["name"], START_BODY["contact"]["email"]
    contact = START_BODY["contact"]["name"]
    # Ids stay only where they keep the erasure erased; the confirmation holds the address
    # until it has gone out.
    allowed = {
        "erasure_ledger": {"subject_id"},
        "erasure_requests": {"company_id"},
        # A blanked mail's row names only ids: why it was sent and whose it was.
        "mail_outbox": {"dedupe_key", "owner_company_id", "owner_assessment_id"},
        "inbox": set(),
    }
    for service, engine in engines.items():
        found = traces(engine, name, contact, assessment_id, company_id, allowed=allowed)
        # Until it has gone out, the confirmation greets the contact at the address (in its
        # text and its HTML part).
        confirming = service == "assessment"
        greeting = ["mail_outbox.text_body", "mail_outbox.html_body"]
        assert found == (greeting if confirming else []), service
        assert traces(engine, email, allowed=allowed) == (
            ["mail_outbox.recipient"] if confirming else []
        )
    assert not list(services.storage_dir.rglob("*.pdf"))

    # Sent: the retention pass blanks the confirmation, the address's last copy.
    with engines["assessment"].begin() as connection:
        connection.execute(update(mail_outbox).where(CONFIRMATION).values(status=STATUS_SENT))
    apply_retention(engines["assessment"], PrivacyConfig(), datetime.now(UTC))
    assert traces(engines["assessment"], email, contact, allowed=allowed) == []
