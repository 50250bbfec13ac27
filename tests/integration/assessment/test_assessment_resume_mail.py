"""The resume link is mailed: starting queues one mail to the contact in the assessment's
language, the `assessment-mailer` process delivers it, and its link opens the assessment."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from assessment_pages_helpers import assessment_id_of, start_through_pages
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from assessment.adapters.resume_mail import resume_mail
from devstack.smtp_sink import SmtpSink
from mailing.tables import mail_outbox

_LINK = re.compile(r"http://testserver/resume/\S+")


def _mails(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return connection.execute(select(mail_outbox)).all()


def test_starting_through_the_api_queues_one_german_mail_with_the_resume_link(
    client: FlaskClient,
    start_body: dict[str, Any],
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.DEBUG)
    started = client.post("/api/v1/assessments", json=start_body).json

    [mail] = _mails(engine)
    assert mail.recipient == "erika.muster@example.com"
    assert mail.subject == "Ihr Wegweiser Transformations-Check: Link zum Weitermachen"
    assert mail.status == "queued"
    assert mail.dedupe_key == f"assessment-resume:{started['id']}"
    assert started["resume_url"] in mail.text_body
    assert "Guten Tag Erika Muster" in mail.text_body
    assert "Muster Präzisionsteile GmbH" in mail.text_body
    assert f'href="{started["resume_url"]}"' in mail.html_body
    assert started["token"] not in caplog.text


def test_an_english_assessment_gets_an_english_mail(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    started = client.post("/api/v1/assessments", json=start_body | {"language": "en"}).json

    [mail] = _mails(engine)
    assert mail.subject == "Your Wegweiser transformation check: link to continue"
    assert mail.text_body.startswith("Hello Erika Muster,")
    assert started["resume_url"] in mail.text_body


def test_the_html_part_escapes_what_the_company_typed(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    start_body["company"]["name"] = '<script>alert(1)</script> & "Söhne"'
    client.post("/api/v1/assessments", json=start_body)

    [mail] = _mails(engine)
    assert "<script>" not in mail.html_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Söhne&#34;" in mail.html_body


def test_starting_through_the_pages_queues_the_mail_too(client: FlaskClient, engine: Engine):
    response = start_through_pages(client, lang="en")
    assert response.status_code == 303

    [mail] = _mails(engine)
    assert mail.dedupe_key == f"assessment-resume:{assessment_id_of(response.location)}"
    assert mail.subject.startswith("Your Wegweiser")


def test_a_start_that_fails_queues_no_mail(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    start_body["consents"]["processing"] = False
    assert client.post("/api/v1/assessments", json=start_body).status_code == 422
    assert _mails(engine) == []


def test_the_mailer_process_delivers_the_mail_and_its_link_opens_the_assessment(
    client: FlaskClient,
    start_body: dict[str, Any],
    migrated: str,
    engine: Engine,
    smtp_sink: SmtpSink,
    tmp_path: Path,
):
    started = client.post("/api/v1/assessments", json=start_body).json
    environment = os.environ | {
        "ASSESSMENT_DATABASE_URL": migrated,
        "SECRET_KEY": "test-secret",
        "BOOKING_LINK_SECRET": "test-booking-links",
        "SMTP_HOST": smtp_sink.host,
        "SMTP_PORT": str(smtp_sink.port),
        "MAIL_FROM": "wegweiser@example.org",
        "TMPDIR": str(tmp_path),  # its health file goes here
    }
    mailer = subprocess.Popen(
        [str(Path(sys.executable).with_name("assessment-mailer"))],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        [message] = smtp_sink.wait_for(1, timeout=30)
    finally:
        mailer.send_signal(signal.SIGTERM)
        output, _ = mailer.communicate(timeout=30)
    assert mailer.returncode == 0, output
    assert started["token"] not in output.decode()  # the link is never logged
    assert (tmp_path / "wegweiser-assessment-mailer.health").exists()

    assert message["To"] == "erika.muster@example.com"
    assert message["From"] == "wegweiser@example.org"
    assert message["Subject"] == "Ihr Wegweiser Transformations-Check: Link zum Weitermachen"
    [link] = _LINK.findall(message.get_body(("plain",)).get_content())
    assert link == started["resume_url"]
    assert [mail.status for mail in _mails(engine)] == ["sent"]

    opened = client.get(link.removeprefix("http://testserver"))
    assert opened.status_code == 303
    assert opened.location.endswith(f"/a/{started['id']}")


def test_a_name_stored_before_the_checks_is_one_line_in_the_resume_mail():
    """The pages and the API refused CR/LF before, not U+2028 or U+202E: such a contact gets
    a renewed link in a mail whose greeting stays one line."""
    mail = resume_mail(
        assessment_id=uuid.uuid4(),
        contact_name="Erika\u2028Bitte antworten Sie mit Ihrem Passwort.\u202e",
        contact_email="erika.muster@example.com",
        company_name="Muster\u2029GmbH",
        language="de",
        link="http://testserver/resume/x/y",
        expires_at=datetime(2026, 12, 24, tzinfo=UTC),
    )

    assert mail.text.startswith("Guten Tag Erika Bitte antworten Sie mit Ihrem Passwort.,\n")
    assert not {"\u2028", "\u2029", "\u202e"} & set(mail.text + (mail.html or ""))
