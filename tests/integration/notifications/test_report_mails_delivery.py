"""`report.generated` over the real broker, delivered to a real SMTP server on loopback:
one mail to the assigned advisor and one to the company's contact, whatever is redelivered
and however long the relay is away."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from notifications_event_helpers import add_advisor, report_event
from sqlalchemy import Engine, func, select
from testkit.events import scored_event

from devstack.smtp_sink import SmtpSink
from eventing.envelope import Envelope
from eventing.tables import inbox
from eventing.testing import running, wait_until
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import mail_outbox
from notifications.adapters.mail_links import MailLinks
from notifications.adapters.tables import company_assessments

pytestmark = pytest.mark.usefixtures("notifications_worker")

ADVISOR_EMAIL = "katrin.weiss@cluster.example"
CONTACT_EMAIL = "a.hofmann@hofmann-praezision.example"
COMPANY = "Hofmann Präzisionsdrehteile GmbH"


def _mails(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return connection.execute(select(mail_outbox).order_by(mail_outbox.c.recipient)).all()


def _handled(engine: Engine, event: Envelope) -> Callable[[], bool]:
    def done() -> bool:
        with engine.connect() as connection:
            return (
                connection.execute(
                    select(func.count()).where(inbox.c.event_id == event.event_id)
                ).scalar_one()
                == 1
            )

    return done


def _sender(engine: Engine, sink: SmtpSink, **options: float) -> MailSender:
    settings = SmtpSettings(host=sink.host, port=sink.port, mail_from="wegweiser@cluster.example")
    return MailSender(engine, SmtpMailer(settings), **options)


def _by_recipient(messages: list[EmailMessage]) -> dict[str, EmailMessage]:
    return {message["To"]: message for message in messages}


def _text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


@pytest.fixture
def scored(engine: Engine, publish: Callable[[Envelope], None]) -> Envelope:
    """A scored, consented assessment of the district's advisor, already handled."""
    add_advisor(engine, "Katrin Weiss", ("bamberg_land",), ("innovation",))
    event = scored_event()
    publish(event)
    wait_until(_handled(engine, event), what="the scored event")
    return event


def test_the_advisor_and_the_company_get_one_mail_each_with_the_right_content(
    engine: Engine,
    publish: Callable[[Envelope], None],
    scored: Envelope,
    smtp_sink: SmtpSink,
    mail_links: MailLinks,
):
    generated = report_event(scored)

    publish(generated)
    publish(generated)  # delivered twice

    wait_until(_handled(engine, generated), what="the report event")
    assert [mail.recipient for mail in _mails(engine)] == [CONTACT_EMAIL, ADVISOR_EMAIL]
    assert _sender(engine, smtp_sink).send_due_once().sent == 2
    mails = _by_recipient(smtp_sink.wait_for(2))
    assert set(mails) == {ADVISOR_EMAIL, CONTACT_EMAIL}

    advisor = mails[ADVISOR_EMAIL]
    assert advisor["Subject"] == (
        f"Neue Potenzialanalyse: {COMPANY} (Klasse A, Priorität dringend)"
    )
    assert advisor["Reply-To"] == CONTACT_EMAIL
    text = _text(advisor)
    for expected in (
        "Hofmann Präzisionsdrehteile GmbH (Landkreis Bamberg)",
        "Andreas Hofmann <a.hofmann@hofmann-praezision.example>",
        "Klasse: A \N{EN DASH} Akuter Handlungsbedarf",
        "Betroffenheit (E): 78,3 (sehr hoch)",
        "Handlungsfähigkeit (R): 34,0 (Entwickler)",
        "Priorität P: 51,7 (dringend)",
        "1. Produktportfolio und Antriebsabhängigkeit: 80,3 (sehr hoch)",
        "2. Technologie und Innovation: 22,5 (Einsteiger)",
        "3. Strategie und Geschäftsmodell: 31,3 (Entwickler)",
        "Bewertet am: 09.03.2026, 11:41 Uhr (MEZ)",
        generated.data["download_url"],
        f"http://notifications.test/desk/companies/{scored.data['assessment_id']}",
    ):
        assert expected in text
    assert f'href="{generated.data["download_url"]}"' in _html(advisor)

    company = mails[CONTACT_EMAIL]
    assert (
        company["Subject"] == "Ihre Potenzialanalyse ist fertig: Hofmann Präzisionsdrehteile GmbH"
    )
    text = _text(company)
    assert text.startswith("Guten Tag Andreas Hofmann,")
    assert "Ergebnis: Klasse A \N{EN DASH} Akuter Handlungsbedarf" in text
    assert generated.data["download_url"] in text
    assert f"http://assessment.test/a/{scored.data['assessment_id']}/result" in text
    assert "Ihre Ansprechperson: Katrin Weiss" in text
    [booking] = re.findall(r"http://notifications\.test/book/(\S+)", text)
    now = datetime.now(UTC)
    verified = mail_links.booking.verify(booking, now)
    assert verified.assessment_id == scored.data["assessment_id"]
    with engine.connect() as connection:
        row = connection.execute(
            select(company_assessments.c.report_url).where(
                company_assessments.c.assessment_id == scored.data["assessment_id"]
            )
        ).one()
    assert row.report_url == generated.data["download_url"]
    assert {mail.status for mail in _mails(engine)} == {"sent"}


def test_a_report_announced_again_under_a_new_event_id_mails_nobody_twice(
    engine: Engine, publish: Callable[[Envelope], None], scored: Envelope
):
    generated = report_event(scored)
    again = report_event(scored, report_id=generated.data["report_id"])

    publish(generated)
    publish(again)

    wait_until(_handled(engine, again), what="the second announcement")
    assert len(_mails(engine)) == 2


def test_without_consent_only_the_company_is_mailed(
    engine: Engine, publish: Callable[[Envelope], None], smtp_sink: SmtpSink
):
    add_advisor(engine, "Katrin Weiss", ("bamberg_land",), ("innovation",))
    scored = scored_event(consents={"advisor_sharing": False}, language="en")
    generated = report_event(scored)

    publish(scored)
    publish(generated)

    # The two come on different topics: the report may be handled first and wait for it.
    wait_until(_handled(engine, scored), what="the scored event")
    wait_until(_handled(engine, generated), what="the report event")
    _sender(engine, smtp_sink).send_due_once()
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == CONTACT_EMAIL
    assert (
        message["Subject"] == "Your potential analysis is ready: Hofmann Präzisionsdrehteile GmbH"
    )
    assert _text(message).startswith("Hello Andreas Hofmann,")
    assert "your contact" not in _text(message)
    assert "The booking link is valid until" in _text(message)


def test_a_report_that_overtakes_its_assessment_is_mailed_once_the_assessment_arrives(
    engine: Engine, publish: Callable[[Envelope], None], event_topics: dict[str, str]
):
    add_advisor(engine, "Katrin Weiss", ("bamberg_land",), ("innovation",))
    scored = scored_event()
    generated = report_event(scored)

    publish(generated)
    wait_until(_handled(engine, generated), what="the early report")
    assert _mails(engine) == []
    publish(scored)

    wait_until(_handled(engine, scored), what="the scored event")
    assert [mail.recipient for mail in _mails(engine)] == [CONTACT_EMAIL, ADVISOR_EMAIL]
    assert all(generated.data["download_url"] in mail.text_body for mail in _mails(engine))


def test_names_with_markup_and_line_breaks_come_out_inert(
    engine: Engine, publish: Callable[[Envelope], None], smtp_sink: SmtpSink
):
    add_advisor(engine, "Katrin Weiss", ("bamberg_land",), ("innovation",))
    evil = 'Evil <script>alert(1)</script> & "Co"\r\nBcc: victim@example.org'
    scored = scored_event(company={"name": evil})
    generated = report_event(scored)

    publish(scored)
    publish(generated)

    wait_until(_handled(engine, scored), what="the scored event")
    wait_until(_handled(engine, generated), what="the report event")
    assert _sender(engine, smtp_sink).send_due_once().sent == 2
    for message in smtp_sink.wait_for(2):
        assert message["Bcc"] is None
        assert "victim@example.org" not in message["X-Envelope-To"]
        assert "\n" not in message["Subject"]
        assert 'Evil <script>alert(1)</script> & "Co" Bcc: victim@example.org' in _text(message)
        html = _html(message)
        assert "<script>" not in html
        assert "Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in html


def test_mails_wait_while_the_relay_is_down_and_arrive_once_when_it_is_back(
    engine: Engine, publish: Callable[[Envelope], None], scored: Envelope, smtp_sink: SmtpSink
):
    smtp_sink.stop()
    sender = _sender(engine, smtp_sink, idle_wait_s=0.05, first_retry_s=0.2, max_pause_s=0.2)
    generated = report_event(scored)

    with running(sender.run, "mail-sender"):
        publish(generated)
        wait_until(
            lambda: [mail.attempts > 0 for mail in _mails(engine)] == [True, True],
            what="failed attempts",
        )
        assert {mail.status for mail in _mails(engine)} == {"queued"}
        assert all("ConnectionRefused" in mail.last_error for mail in _mails(engine))
        smtp_sink.start()
        messages = smtp_sink.wait_for(2, timeout=20)
        wait_until(lambda: {mail.status for mail in _mails(engine)} == {"sent"}, what="sent")

    assert sorted(message["To"] for message in messages) == sorted([ADVISOR_EMAIL, CONTACT_EMAIL])
    assert len(smtp_sink.messages()) == 2


def test_the_mailer_process_delivers_the_report_mails(
    engine: Engine,
    migrated: str,
    publish: Callable[[Envelope], None],
    scored: Envelope,
    smtp_sink: SmtpSink,
    tmp_path: Path,
):
    generated = report_event(scored)
    publish(generated)
    wait_until(_handled(engine, generated), what="the report event")
    environment = os.environ | {
        "NOTIFICATIONS_DATABASE_URL": migrated,
        "SECRET_KEY": "test-secret",
        "SMTP_HOST": smtp_sink.host,
        "SMTP_PORT": str(smtp_sink.port),
        "MAIL_FROM": "wegweiser@cluster.example",
        "TMPDIR": str(tmp_path),  # its health file goes here
    }
    mailer = subprocess.Popen(
        [str(Path(sys.executable).with_name("notifications-mailer"))],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        messages = smtp_sink.wait_for(2, timeout=30)
    finally:
        mailer.send_signal(signal.SIGTERM)
        output, _ = mailer.communicate(timeout=30)
    assert mailer.returncode == 0, output
    assert (tmp_path / "wegweiser-notifications-mailer.health").exists()
    assert {message["From"] for message in messages} == {"wegweiser@cluster.example"}
    assert sorted(message["To"] for message in messages) == sorted([ADVISOR_EMAIL, CONTACT_EMAIL])
    # The signed links are not logged.
    assert "/book/" not in output.decode()
