"""Mails that can never go out fail at once with their reason, and the mails behind them go
on: an address the mail layer refuses, when queued or in an older row. A real SMTP server
on loopback."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert, select

from devstack.smtp_sink import SmtpSink
from mailing.message import compose
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.sender import MailSender, SendReport
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import mail_outbox

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
OWNER = MailOwner.company(uuid.uuid4(), uuid.uuid4())
IDN = "info@bücher.example"  # an internationalised domain


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
    assert reason.startswith("not written: to must be plain ASCII")
    assert [message["To"] for message in smtp_sink.wait_for(1)] == ["erika@example.com"]


@pytest.mark.parametrize("address", ["jörg@example.org", IDN])
def test_an_older_row_with_an_address_the_mail_layer_refuses_fails_once(
    mail_db: Engine, smtp_sink: SmtpSink, address: str
):
    """Addresses beyond ASCII are refused at every door (a relay need not offer SMTPUTF8);
    one already in the table fails for good instead of holding up the mails behind it."""
    with mail_db.begin() as connection:  # queued before the mail layer refused such addresses
        connection.execute(
            insert(mail_outbox).values(
                id=uuid.uuid4(),
                dedupe_key="older",
                recipient=address,
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
    assert reason.startswith("to must be plain ASCII")
    assert [message["To"] for message in smtp_sink.wait_for(1)] == ["erika@example.com"]
