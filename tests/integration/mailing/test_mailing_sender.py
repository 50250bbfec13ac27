"""The mail outbox against a real SMTP server on loopback: queued once, sent once, retried
while the relay is down or answers 4xx, failed for good on 5xx."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select

from devstack.ordering import per_key
from devstack.ports import wait_until
from devstack.smtp_sink import SmtpSink
from mailing.message import Attachment, Mail
from mailing.migrations import VERSIONS
from mailing.outbox import queue_mail, withdraw_mail
from mailing.owner import MailOwner
from mailing.sender import MailSender, SendReport
from mailing.tables import mail_outbox, metadata
from servicekit.migrations import upgrade

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
OWNER = MailOwner.company(uuid.uuid4(), uuid.uuid4())


def _mail(key: str = "event-1:erika@example.com", **changes: object) -> Mail:
    values = {
        "dedupe_key": key,
        "to": "erika@example.com",
        "subject": "Ihr Wegweiser Transformations-Check",
        "text": "Guten Tag,\n\nhier ist Ihr Link.\n",
        "html": "<p>Guten Tag,</p>",
    }
    return Mail(**(values | changes))


def _queue(engine: Engine, mail: Mail, now: datetime = NOW) -> bool:
    with engine.begin() as connection:
        return queue_mail(connection, mail, now, owner=OWNER)


def _row(engine: Engine):
    with engine.connect() as connection:
        return connection.execute(select(mail_outbox)).one()


def test_a_mail_queued_twice_with_one_dedupe_key_is_sent_once(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink
):
    assert _queue(mail_db, _mail()) is True
    assert _queue(mail_db, _mail(subject="a redelivered event")) is False

    sender = make_sender()
    assert sender.send_due_once() == SendReport(sent=1)
    assert sender.send_due_once() == SendReport()

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "erika@example.com"
    row = _row(mail_db)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None
    assert message["Message-ID"] == f"<mail-{row.id}@example.org>"


def test_queueing_belongs_to_the_callers_transaction(mail_db: Engine):
    def fail_after_queueing() -> None:
        with mail_db.begin() as connection:
            queue_mail(connection, _mail(), NOW, owner=OWNER)
            raise RuntimeError("the state change failed")

    with pytest.raises(RuntimeError):
        fail_after_queueing()

    with mail_db.connect() as connection:
        assert connection.execute(select(mail_outbox)).all() == []


def test_while_the_relay_is_down_the_mail_waits_and_goes_out_once_it_is_back(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink, clock
):
    _queue(mail_db, _mail())
    sender = make_sender()
    smtp_sink.stop()

    report = sender.send_due_once()

    assert report == SendReport(retried=1, relay_unavailable=True)
    row = _row(mail_db)
    assert (row.status, row.attempts) == ("queued", 1)
    assert "Connection" in row.last_error
    assert row.next_attempt_at > clock.now  # backed off
    assert sender.send_due_once() == SendReport()  # not due yet

    clock.advance(30)
    assert sender.send_due_once() == SendReport(retried=1, relay_unavailable=True)
    second = _row(mail_db)
    assert second.attempts == 2
    assert (second.next_attempt_at - clock.now).total_seconds() > 30  # exponential

    smtp_sink.start()
    clock.advance(600)
    assert sender.send_due_once() == SendReport(sent=1)
    assert sender.send_due_once() == SendReport()

    assert len(smtp_sink.wait_for(1)) == 1
    row = _row(mail_db)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, None)


def test_a_4xx_answer_is_retried_until_the_relay_takes_the_mail(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink, clock
):
    _queue(mail_db, _mail())
    sender = make_sender()
    smtp_sink.refuse("451 4.7.1 Greylisted, try again later")

    for attempt in (1, 2):
        assert sender.send_due_once() == SendReport(retried=1)
        row = _row(mail_db)
        assert (row.status, row.attempts) == ("queued", attempt)
        assert row.last_error.startswith("451 4.7.1 Greylisted")
        clock.advance(600)

    smtp_sink.accept()
    assert sender.send_due_once() == SendReport(sent=1)

    assert len(smtp_sink.wait_for(1)) == 1
    assert (_row(mail_db).status, _row(mail_db).attempts) == ("sent", 3)


def test_a_5xx_answer_fails_the_mail_for_good_and_it_is_not_retried(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink, clock
):
    _queue(mail_db, _mail())
    _queue(mail_db, _mail("event-2:erika@example.com"))
    sender = make_sender()
    smtp_sink.refuse("550 5.1.1 Mailbox unavailable")

    assert sender.send_due_once() == SendReport(failed=2)

    smtp_sink.accept()
    clock.advance(86_400)
    assert sender.send_due_once() == SendReport()
    assert smtp_sink.messages() == []
    with mail_db.connect() as connection:
        rows = connection.execute(select(mail_outbox)).all()
    assert {(row.status, row.attempts) for row in rows} == {("failed", 1)}
    assert all(row.last_error.startswith("550 5.1.1") for row in rows)


def test_a_utf8_subject_and_body_arrive_intact(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink
):
    subject = "Grüße aus Bamberg: Prüfung für „Müller & Söhne“ — 50 % erledigt ✓"
    text = "Sehr geehrte Frau Müller,\n\nÄnderungen gespeichert: ÄÖÜäöüß € ✓ 漢字\n"
    html = "<p>Sehr geehrte Frau Müller, ÄÖÜäöüß € ✓ 漢字</p>"
    _queue(mail_db, _mail(subject=subject, text=text, html=html))

    make_sender().send_due_once()

    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == subject
    assert message.get_body(("plain",)).get_content() == text
    assert message.get_body(("html",)).get_content() == html + "\n"


def test_the_run_loop_delivers_in_order_and_stops_when_asked(
    mail_db: Engine, mailer, smtp_sink: SmtpSink
):
    # Three mails each to two recipients, queued one after the other, alternating.
    queued_at = datetime.now(UTC) - timedelta(minutes=1)
    recipients = ("erika@example.com", "max@example.com")
    for number in range(6):
        to = recipients[number % 2]
        mail = _mail(f"event-{number}:{to}", to=to, subject=f"Mail {number}")
        _queue(mail_db, mail, queued_at + timedelta(seconds=number))
    sender = MailSender(mail_db, mailer, idle_wait_s=0.01)
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop,))
    thread.start()
    try:
        messages = smtp_sink.wait_for(6)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    # Each recipient's mails in the order queued; between recipients any order.
    assert per_key((message["To"], message["Subject"]) for message in messages) == {
        "erika@example.com": ["Mail 0", "Mail 2", "Mail 4"],
        "max@example.com": ["Mail 1", "Mail 3", "Mail 5"],
    }


def test_the_backoff_grows_to_its_cap_with_jitter(mail_db: Engine, mailer):
    sender = MailSender(mail_db, mailer, first_retry_s=30, max_retry_s=900)
    delays = [sender.retry_delay_s(attempts) for attempts in range(1, 12)]
    assert 22.5 <= delays[0] <= 30
    assert 45 <= delays[1] <= 60
    assert all(675 <= delay <= 900 for delay in delays[6:])


def _mime_tree(part: Message) -> list:
    """[content type, method parameter, children or filename]: the shape of a message."""
    children = [_mime_tree(child) for child in part.iter_parts()]
    return [part.get_content_type(), part.get_param("method"), children or part.get_filename()]


def _mixed(alternatives: list, attached: list) -> list:
    """The tree of a mail with text and HTML body, `alternatives` after them, one file."""
    body = [["text/plain", None, None], ["text/html", None, None], *alternatives]
    return ["multipart/mixed", None, [["multipart/alternative", None, body], attached]]


INVITATION = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Gespräch\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/calendar; charset=utf-8; method=REQUEST",  # as the booking mails declare it
        "text/calendar; method=REQUEST; charset=utf-8",
        "text/calendar; method=REQUEST",
        "text/calendar;method=REQUEST",
        'text/calendar; charset="utf-8"; method="REQUEST"',
        "Text/Calendar; CHARSET=UTF-8; Method=REQUEST",
    ],
)
def test_a_calendar_invitation_is_an_alternative_of_the_body_and_an_attachment(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink, content_type: str
):
    data = INVITATION.encode()
    _queue(mail_db, _mail(attachments=(Attachment("invite.ics", content_type, data),)))

    assert make_sender().send_due_once() == SendReport(sent=1)

    [message] = smtp_sink.wait_for(1)
    # Outlook finds the invitation only in the body's alternatives; others take the file.
    assert _mime_tree(message) == _mixed(
        [["text/calendar", "REQUEST", None]], ["text/calendar", "REQUEST", "invite.ics"]
    )
    [attached] = list(message.iter_attachments())
    assert attached.get_payload(decode=True) == data
    alternative = message.get_body(("calendar",))
    assert alternative.get_content_charset() == "utf-8"
    # A text part's lines end as the mail's lines do (CRLF on the wire), as iCalendar asks.
    assert alternative.get_content().splitlines() == INVITATION.splitlines()
    assert message.get_body(("plain",)).get_content().startswith("Guten Tag")


def test_a_calendar_file_without_an_itip_method_is_only_attached(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink
):
    data = INVITATION.encode()
    attachment = Attachment("entry.ics", "text/calendar; charset=utf-8", data)
    _queue(mail_db, _mail(attachments=(attachment,)))

    assert make_sender().send_due_once() == SendReport(sent=1)

    [message] = smtp_sink.wait_for(1)
    assert _mime_tree(message) == _mixed([], ["text/calendar", None, "entry.ics"])


@pytest.mark.parametrize(
    ("content_type", "data", "error"),
    [
        ("text/calendar; method=", b"", "not allowed"),
        ("calendar", b"", "not allowed"),
        ("text/calendar; method=REQUEST\r\nBcc: x@example.org", b"", "header injection"),
        ("text/calendar; charset=klingon; method=REQUEST", b"BEGIN", "not klingon text"),
        ("text/calendar; method=REQUEST", "Gespräch".encode("latin-1"), "not utf-8 text"),
    ],
)
def test_an_attachment_that_could_not_be_sent_is_refused_when_queued(
    content_type: str, data: bytes, error: str
):
    with pytest.raises(ValueError, match=error):
        Attachment("invite.ics", content_type, data)


def test_a_mail_with_not_before_waits_until_then_and_can_be_withdrawn_before(
    mail_db: Engine, make_sender: Callable[[], MailSender], smtp_sink: SmtpSink, clock
):
    _queue(mail_db, _mail("reminder-meeting-1", not_before=NOW + timedelta(hours=24)))
    _queue(mail_db, _mail("reminder-meeting-2", not_before=NOW + timedelta(hours=24)))
    sender = make_sender()

    assert sender.send_due_once() == SendReport()  # not due yet
    with mail_db.begin() as connection:
        assert withdraw_mail(connection, "reminder-meeting-2") is True
        assert withdraw_mail(connection, "reminder-meeting-2") is False  # already withdrawn

    clock.advance(24 * 3600)
    assert sender.send_due_once() == SendReport(sent=1)
    assert len(smtp_sink.wait_for(1)) == 1
    with mail_db.connect() as connection:
        rows = connection.execute(select(mail_outbox.c.dedupe_key, mail_outbox.c.status))
        statuses = {row.dedupe_key: row.status for row in rows}
    assert statuses == {"reminder-meeting-1": "sent", "reminder-meeting-2": "withdrawn"}
    with mail_db.begin() as connection:
        assert withdraw_mail(connection, "reminder-meeting-1") is False  # gone out already


def test_the_run_loop_outlives_a_locked_database_and_sends_once_it_is_free(
    tmp_path: Path, mailer, smtp_sink: SmtpSink, caplog: pytest.LogCaptureFixture
):
    database = tmp_path / "mail.sqlite3"
    upgrade(f"sqlite:///{database}", [VERSIONS], [metadata])
    # A short busy timeout: the sender meets the lock at once instead of after 30 s.
    engine = create_engine(f"sqlite:///{database}", connect_args={"timeout": 0.05})
    _queue(engine, _mail(), datetime.now(UTC))
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the database's write lock
    sender = MailSender(engine, mailer, idle_wait_s=0.01, max_pause_s=0.05)
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop,))
    thread.start()
    try:
        assert wait_until(lambda: "mail outbox unavailable" in caplog.text, 10)
        assert thread.is_alive()
        blocker.execute("ROLLBACK")
        assert wait_until(lambda: _row(engine).status == "sent", 10)
    finally:
        stop.set()
        thread.join(timeout=10)
        blocker.close()
    # The relay took it while the database refused to record that; it was not sent again.
    [message] = smtp_sink.messages()
    assert message["To"] == "erika@example.com"
    engine.dispose()
