"""Mails that can never go out fail at once with their reason, and the mails behind them go
on: an address the mail layer refuses (when queued, or an older row), a recipient address
that needs SMTPUTF8 from a relay that does not offer it. A real SMTP server on loopback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink
from mailing.message import compose
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.sender import MailSender, SendReport
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import mail_outbox

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
OWNER = MailOwner.company(uuid.uuid4(), uuid.uuid4())
IDN = "info@bücher.example"  # an internationalised domain: SMTPUTF8 or nothing


@pytest.fixture
def ascii_relay(tmp_path: Path) -> Iterator[SmtpSink]:
    """A relay that does not offer SMTPUTF8."""
    with SmtpSink(tmp_path / "ascii-mail", port=free_port(), smtputf8=False) as sink:
        yield sink


def _sender(engine: Engine, relay: SmtpSink) -> MailSender:
    settings = SmtpSettings(relay.host, relay.port, "wegweiser@example.org", timeout_s=5)
    return MailSender(engine, SmtpMailer(settings), clock=lambda: NOW)


def _queue(engine: Engine, key: str, to: str) -> None:
    with engine.begin() as connection:
        mail = compose(dedupe_key=key, to=to, subject="Ihr Termin", text="Guten Tag")
        queue_mail(connection, mail, NOW, owner=OWNER)


def _outcomes(engine: Engine) -> dict[str, tuple]:
    with engine.connect() as connection:
        rows = connection.execute(select(mail_outbox)).all()
    return {row.dedupe_key: (row.status, row.attempts, row.last_error) for row in rows}


def test_an_address_the_mail_layer_refuses_is_queued_as_failed_with_its_reason(
    mail_db: Engine, smtp_sink: SmtpSink
):
    _queue(mail_db, "refused", "jörg@example.org")
    _queue(mail_db, "fine", "erika@example.com")

    assert _sender(mail_db, smtp_sink).send_due_once() == SendReport(sent=1)

    outcomes = _outcomes(mail_db)
    assert outcomes["fine"] == ("sent", 1, None)
    status, attempts, reason = outcomes["refused"]
    assert (status, attempts) == ("failed", 0)
    assert reason.startswith("not written: to is not an email address")
    assert [message["To"] for message in smtp_sink.wait_for(1)] == ["erika@example.com"]


def test_an_older_row_with_an_address_the_mail_layer_refuses_fails_once(
    mail_db: Engine, smtp_sink: SmtpSink
):
    with mail_db.begin() as connection:  # queued before the mail layer refused such addresses
        connection.execute(
            insert(mail_outbox).values(
                id=uuid.uuid4(),
                dedupe_key="older",
                recipient="jörg@example.org",
                subject="Ihr Termin",
                text_body="Guten Tag",
                status="queued",
                attempts=0,
                next_attempt_at=NOW,
                created_at=NOW,
            )
        )
    _queue(mail_db, "fine", "erika@example.com")
    sender = _sender(mail_db, smtp_sink)

    assert sender.send_due_once() == SendReport(sent=1, failed=1)
    assert sender.send_due_once() == SendReport()

    status, attempts, reason = _outcomes(mail_db)["older"]
    assert (status, attempts) == ("failed", 1)
    assert reason.startswith("to is not an email address")


def test_an_idn_address_fails_at_a_relay_without_smtputf8_and_the_queue_goes_on(
    mail_db: Engine, ascii_relay: SmtpSink
):
    _queue(mail_db, "idn", IDN)
    _queue(mail_db, "fine", "erika@example.com")
    sender = _sender(mail_db, ascii_relay)

    assert sender.send_due_once() == SendReport(sent=1, failed=1)
    assert sender.send_due_once() == SendReport()

    assert _outcomes(mail_db) == {
        "idn": ("failed", 1, "recipient address needs SMTPUTF8, which the relay does not offer"),
        "fine": ("sent", 1, None),
    }
    assert [message["To"] for message in ascii_relay.wait_for(1)] == ["erika@example.com"]


def test_an_idn_address_goes_out_through_a_relay_with_smtputf8(
    mail_db: Engine, smtp_sink: SmtpSink
):
    _queue(mail_db, "idn", IDN)

    assert _sender(mail_db, smtp_sink).send_due_once() == SendReport(sent=1)

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == IDN
