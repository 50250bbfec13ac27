"""Fixtures of the mail outbox tests: a migrated database, a mailer for the SMTP sink."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from devstack.smtp_sink import SmtpSink
from mailing.migrations import VERSIONS
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import metadata
from servicekit.migrations import upgrade


@pytest.fixture
def mail_db(database_url: str, engine: Engine) -> Engine:
    upgrade(database_url, [VERSIONS], [metadata])
    return engine


@pytest.fixture
def mailer(smtp_sink: SmtpSink) -> SmtpMailer:
    return SmtpMailer(
        SmtpSettings(
            host=smtp_sink.host,
            port=smtp_sink.port,
            mail_from="wegweiser@example.org",
            timeout_s=5,
        )
    )


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_sender(mail_db: Engine, mailer: SmtpMailer, clock: Clock) -> Callable[[], MailSender]:
    def make() -> MailSender:
        return MailSender(
            mail_db,
            mailer,
            first_retry_s=30,
            max_retry_s=600,
            idle_wait_s=0.01,
            max_pause_s=0.05,
            clock=clock,
            rng=random.Random(7),  # noqa: S311 - jitter, not secrecy
        )

    return make
