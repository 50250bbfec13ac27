"""Fixtures of the notifications tests: a database migrated by `notifications-migrate`;
the consumer worker on topics of its own; the advisor desk."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from flask import Flask
from flask.testing import FlaskClient
from notifications_booking_helpers import LINKS
from sqlalchemy import Engine
from testkit.rulesets import ruleset_received

from devstack.served_app import served_app
from devstack.smtp_sink import SmtpSink
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic, running, to_topic
from eventing.topics import ASSESSMENT_EVENTS, REPORT_EVENTS, topic_for
from eventing.worker import ConsumerWorker, RetryPolicy
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from notifications.adapters.mail_links import MailLinks
from notifications.entrypoints.cli import processes
from notifications.entrypoints.consumer import consumer_spec
from notifications.web import create_app
from servicekit import app_clock
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION


@pytest.fixture
def migrated(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database brought up to date by the `notifications-migrate` console script's code,
    with the ruleset's words received (as after `assessment-migrate` published them)."""
    monkeypatch.setenv("NOTIFICATIONS_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    processes.migrate()
    ruleset_received(database_url)
    return database_url


@pytest.fixture
def mail_links() -> MailLinks:
    return MailLinks(
        BookingLinks("http://notifications.test", SigningKeys("booking-test-secret")),
        "http://assessment.test",
    )


@pytest.fixture
def event_topics(kafka_settings: KafkaSettings) -> dict[str, str]:
    """Fresh stand-ins (with dead-letter twins) for the topics the service consumes, so a
    test sees only its own events, not those other tests left on the shared broker."""
    consumed = (ASSESSMENT_EVENTS, REPORT_EVENTS)
    return {spec.name: fresh_topic(kafka_settings, f"test-{spec.name}") for spec in consumed}


@pytest.fixture
def publish(publisher: KafkaPublisher, event_topics: dict[str, str]) -> Callable[[Envelope], None]:
    """Send an event to this test's stand-in of its topic."""

    def send(envelope: Envelope) -> None:
        topic = event_topics[topic_for(envelope.event_type).name]
        [error] = publisher.send_batch([to_topic(topic, envelope)])
        assert error is None, error

    return send


@pytest.fixture
def notifications_worker(
    migrated: str,
    engine: Engine,
    kafka_settings: KafkaSettings,
    event_topics: dict[str, str],
    mail_links: MailLinks,
    publisher: KafkaPublisher,
) -> Iterator[None]:
    """The service's consumer (its real handlers) on a thread, in a group of its own."""
    spec = dataclasses.replace(
        consumer_spec(engine, mail_links),
        name=f"notifications-{uuid.uuid4().hex[:8]}",
        topics=tuple(event_topics.values()),
    )
    retry = RetryPolicy(first_backoff_s=0.05, max_backoff_s=0.5, unclassified_attempts=3)
    worker = ConsumerWorker(spec, kafka_settings, publisher, retry=retry)
    with running(worker.run, spec.name):
        yield


# -- booking ------------------------------------------------------------------------------


@pytest.fixture
def booking_app_with(migrated: str) -> Iterator[Callable[..., Flask]]:
    """`booking_app_with(**environ)`: the notifications app with its booking pages and API,
    on the migrated database, with more settings."""
    apps: list[Flask] = []

    def make(**environ: str) -> Flask:
        settings = ServiceSettings.from_env(
            "notifications",
            {
                "NOTIFICATIONS_DATABASE_URL": migrated,
                "PUBLIC_BASE_URL_NOTIFICATIONS": LINKS.base_url,
                "SECRET_KEY": "test-secret",
                **environ,
            },
        )
        apps.append(create_app(settings, LINKS))
        return apps[-1]

    yield make
    for app in apps:
        app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def booking_app(booking_app_with: Callable[..., Flask]) -> Flask:
    return booking_app_with()


@pytest.fixture
def pin_clock(booking_app: Flask) -> Callable[[datetime], None]:
    """Stop the app's clock at an instant: its pages, mails and invitations see that time."""

    def pin(at: datetime) -> None:
        app_clock.pin_clock(booking_app, at)

    return pin


@pytest.fixture
def booking_client(booking_app: Flask) -> FlaskClient:
    return booking_app.test_client()


@pytest.fixture
def booking_server(migrated: str) -> Iterator[str]:
    """The notifications app served over real HTTP (threaded werkzeug) on a free loopback
    port, its public address matching it; yields that address."""

    def make_app(base_url: str) -> Flask:
        settings = ServiceSettings.from_env(
            "notifications",
            {
                "NOTIFICATIONS_DATABASE_URL": migrated,
                "PUBLIC_BASE_URL_NOTIFICATIONS": base_url,
                "SECRET_KEY": "test-secret",
            },
        )
        return create_app(settings, dataclasses.replace(LINKS, base_url=base_url))

    with served_app(make_app) as base_url:
        yield base_url


@pytest.fixture
def send_due(engine: Engine, smtp_sink: SmtpSink) -> Callable[..., list[EmailMessage]]:
    """Run the real sender once at `now` and return the mails the SMTP server received."""
    mailer = SmtpMailer(
        SmtpSettings(
            host=smtp_sink.host, port=smtp_sink.port, mail_from="wegweiser@example.org", timeout_s=5
        )
    )

    def send(now: datetime | None = None) -> list[EmailMessage]:
        smtp_sink.clear()
        at = now or datetime.now(UTC)
        report = MailSender(engine, mailer, clock=lambda: at).send_due_once()
        return smtp_sink.wait_for(report.sent) if report.sent else []

    return send


# -- advisor desk -------------------------------------------------------------------------


@pytest.fixture
def desk_client(booking_app: Flask) -> FlaskClient:
    """A browser on the notifications app (the desk lives beside the booking pages)."""
    return booking_app.test_client()
