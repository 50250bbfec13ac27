from __future__ import annotations

import smtplib
from email.message import EmailMessage

import pytest

from devstack.smtp_sink import SmtpSink

pytestmark = pytest.mark.integration

SUBJECT = "Ihr Ergebnis: Grüße <script>alert('x')</script>"


def make_mail(to: str = "kundin@example.org") -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Wegweiser <noreply@example.org>"
    mail["To"] = to
    mail["Subject"] = SUBJECT
    mail.set_content("Hallo Jürgen,\nIhr Bericht ist fertig.\n")
    mail.add_alternative("<p>Hallo <b>Jürgen</b>,</p><script>alert(1)</script>", subtype="html")
    return mail


def send(sink: SmtpSink, mail: EmailMessage) -> None:
    with smtplib.SMTP(sink.host, sink.port, timeout=5) as client:
        client.send_message(mail)


def test_a_mail_lands_as_an_eml_file_and_reads_back_unchanged(smtp_sink: SmtpSink) -> None:
    send(smtp_sink, make_mail())

    [mail] = smtp_sink.wait_for(1, timeout=5)
    assert mail["Subject"] == SUBJECT
    assert mail["To"] == "kundin@example.org"
    assert mail["X-Envelope-To"] == "<kundin@example.org>"
    assert mail.get_body(("plain",)).get_content() == "Hallo Jürgen,\nIhr Bericht ist fertig.\n"
    assert "<b>Jürgen</b>" in mail.get_body(("html",)).get_content()
    # Only finished mails are in the folder: the temporary file was renamed away.
    assert [p.suffix for p in smtp_sink.mail_dir.iterdir()] == [".eml"]


def test_mails_come_back_in_arrival_order(smtp_sink: SmtpSink) -> None:
    for number in range(5):
        send(smtp_sink, make_mail(to=f"person{number}@example.org"))

    mails = smtp_sink.wait_for(5, timeout=5)
    assert [m["To"] for m in mails] == [f"person{n}@example.org" for n in range(5)]


def test_it_speaks_what_a_production_relay_offers(smtp_sink: SmtpSink) -> None:
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=5) as client:
        client.ehlo()
        assert client.has_extn("8bitmime")
        assert client.has_extn("smtputf8")
        client.login("wegweiser", "any password")  # credentials are accepted, not checked
        client.send_message(make_mail(to="jürgen@bücher.example"))  # needs SMTPUTF8

    [mail] = smtp_sink.wait_for(1, timeout=5)
    assert mail["To"] == "jürgen@bücher.example"


def test_a_stopped_sink_refuses_connections_and_takes_mail_again_after_start(
    smtp_sink: SmtpSink,
) -> None:
    smtp_sink.stop()
    with pytest.raises(ConnectionRefusedError):
        send(smtp_sink, make_mail())

    smtp_sink.start()
    send(smtp_sink, make_mail())
    assert len(smtp_sink.wait_for(1, timeout=5)) == 1


def test_a_refusing_sink_answers_with_a_temporary_failure(smtp_sink: SmtpSink) -> None:
    smtp_sink.refuse()
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(smtp_sink, make_mail())
    assert refused.value.smtp_code == 451
    assert smtp_sink.messages() == []

    smtp_sink.accept()
    send(smtp_sink, make_mail())
    assert len(smtp_sink.wait_for(1, timeout=5)) == 1


def test_wait_for_says_how_many_arrived_when_it_gives_up(smtp_sink: SmtpSink) -> None:
    with pytest.raises(TimeoutError, match=r"expected 1 mail.*got 0"):
        smtp_sink.wait_for(1, timeout=0.1)
