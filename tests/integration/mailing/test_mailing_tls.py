"""The mailer against a relay that wants TLS and a login, as production's does: a throw-away
CA (trustme) signs the relay's certificate and reaches the mailer through SMTP_CA_FILE."""

from __future__ import annotations

import random
import ssl
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme
from sqlalchemy import Engine, select

from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink
from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.sender import MailSender, SendReport
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import mail_outbox
from servicekit.settings import SettingsError

USER, PASSWORD = "wegweiser", "relay-password"
OWNER = MailOwner.company(uuid.uuid4(), uuid.uuid4())


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(authority: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "relay-ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def start_relay(authority: trustme.CA, tmp_path: Path) -> Iterator[Callable[..., SmtpSink]]:
    """A relay on loopback with a certificate for 127.0.0.1 signed by `authority`."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    relays: list[SmtpSink] = []

    def start(tls: str, *, login: tuple[str, str] | None = (USER, PASSWORD)) -> SmtpSink:
        relay = SmtpSink(
            tmp_path / f"mail-{len(relays)}",
            port=free_port(),
            tls=tls,
            tls_context=None if tls == "none" else context,
            login=login,
        )
        relays.append(relay)
        relay.start()
        return relay

    yield start
    for relay in relays:
        relay.stop()


def _sender(mail_db: Engine, relay: SmtpSink, tls: str, **environ: str) -> MailSender:
    """A sender set up as the `<service>-mailer` sets itself up: from the environment."""
    settings = SmtpSettings.from_env(
        {
            "SMTP_HOST": relay.host,
            "SMTP_PORT": str(relay.port),
            "SMTP_TLS": tls,
            "SMTP_TIMEOUT_SECONDS": "5",
            "MAIL_FROM": "wegweiser@example.org",
            "SMTP_USER": USER,
            "SMTP_PASSWORD": PASSWORD,
        }
        | environ
    )
    return MailSender(
        mail_db,
        SmtpMailer(settings),
        first_retry_s=0,  # every pass may retry: the tests count attempts, not time
        rng=random.Random(7),  # noqa: S311 - jitter, not secrecy
    )


def _queue(mail_db: Engine) -> None:
    mail = Mail(
        dedupe_key="event-1:erika@example.com",
        to="erika@example.com",
        subject="Ihr Wegweiser Transformations-Check",
        text="Guten Tag,\n",
    )
    with mail_db.begin() as connection:
        queue_mail(connection, mail, datetime.now(UTC), owner=OWNER)


def _row(mail_db: Engine):
    with mail_db.connect() as connection:
        return connection.execute(select(mail_outbox)).one()


@pytest.mark.parametrize("tls", ["starttls", "tls"])
def test_the_mail_goes_out_over_verified_tls_with_the_login(
    mail_db: Engine, start_relay, ca_file: Path, tls: str
):
    relay = start_relay(tls)  # refuses MAIL before TLS (STARTTLS) and the login
    _queue(mail_db)

    report = _sender(mail_db, relay, tls, SMTP_CA_FILE=str(ca_file)).send_due_once()

    assert report == SendReport(sent=1)
    assert len(relay.messages()) == 1
    row = _row(mail_db)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)


def test_a_wrong_password_keeps_the_mail_queued_with_the_relay_s_reason(
    mail_db: Engine, start_relay, ca_file: Path
):
    """A login the relay refuses is a set-up fault, not this mail's: every mail would fail,
    so none is given up; they wait until the password is fixed."""
    relay = start_relay("starttls")
    _queue(mail_db)
    wrong = _sender(mail_db, relay, "starttls", SMTP_CA_FILE=str(ca_file), SMTP_PASSWORD="wrong")  # noqa: S106

    assert wrong.send_due_once() == SendReport(retried=1, relay_unavailable=True)
    row = _row(mail_db)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error.startswith("535 5.7.8 Authentication credentials invalid")
    assert relay.messages() == []

    fixed = _sender(mail_db, relay, "starttls", SMTP_CA_FILE=str(ca_file))
    assert fixed.send_due_once() == SendReport(sent=1)
    assert len(relay.messages()) == 1
    assert (_row(mail_db).status, _row(mail_db).attempts) == ("sent", 2)


@pytest.mark.parametrize("tls", ["starttls", "tls"])
def test_a_certificate_the_ca_did_not_sign_stops_the_mail_before_anything_is_sent(
    mail_db: Engine, start_relay, tmp_path: Path, tls: str
):
    relay = start_relay(tls)
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    _queue(mail_db)

    report = _sender(mail_db, relay, tls, SMTP_CA_FILE=str(stranger)).send_due_once()

    assert report == SendReport(retried=1, relay_unavailable=True)
    row = _row(mail_db)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error.startswith("SSLCertVerificationError")
    assert "CERTIFICATE_VERIFY_FAILED" in row.last_error
    assert relay.messages() == []


def test_a_relay_without_starttls_gets_no_mail_in_plain_text(mail_db: Engine, start_relay):
    relay = start_relay("none", login=None)
    _queue(mail_db)

    report = _sender(mail_db, relay, "starttls").send_due_once()

    assert report == SendReport(retried=1, relay_unavailable=True)
    row = _row(mail_db)
    assert (row.status, row.attempts) == ("queued", 1)
    assert "STARTTLS extension not supported by server" in row.last_error
    assert relay.messages() == []


@pytest.mark.parametrize(("stored", "deliveries"), [(True, 2), (False, 1)])
def test_a_connection_lost_after_data_sends_the_mail_again_with_its_message_id(
    mail_db: Engine, start_relay, ca_file: Path, stored: bool, deliveries: int
):
    """Without the relay's 250 the sender cannot know whether the relay took the mail, so it
    sends it again: a mail may arrive twice, both times with one Message-ID for receivers
    to recognise; losing one silently would be worse."""
    relay = start_relay("starttls")
    _queue(mail_db)
    sender = _sender(mail_db, relay, "starttls", SMTP_CA_FILE=str(ca_file))
    relay.drop_after_data(store=stored)

    assert sender.send_due_once() == SendReport(retried=1, relay_unavailable=True)
    row = _row(mail_db)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error.startswith("SMTPServerDisconnected")

    relay.accept()
    assert sender.send_due_once() == SendReport(sent=1)
    assert sender.send_due_once() == SendReport()

    messages = relay.messages()
    assert len(messages) == deliveries
    assert {message["Message-ID"] for message in messages} == {f"<mail-{row.id}@example.org>"}
    assert (_row(mail_db).status, _row(mail_db).attempts) == ("sent", 2)


def test_a_ca_file_is_named_when_it_is_missing_or_needs_no_tls(tmp_path: Path):
    environ = {"MAIL_FROM": "wegweiser@example.org", "SMTP_TLS": "starttls"}
    missing = tmp_path / "nowhere.pem"
    with pytest.raises(SettingsError, match=f"SMTP_CA_FILE {missing} is not a readable file"):
        SmtpSettings.from_env(environ | {"SMTP_CA_FILE": str(missing)})

    (tmp_path / "ca.pem").touch()
    plain = environ | {"SMTP_TLS": "none", "SMTP_CA_FILE": str(tmp_path / "ca.pem")}
    with pytest.raises(SettingsError, match="SMTP_CA_FILE is set but SMTP_TLS is none"):
        SmtpSettings.from_env(plain)
