"""Handing a message to an SMTP relay, with its failures sorted into "try again" and "never".

SMTP has no idempotency key: a connection lost after DATA but before the relay's 250 leaves
it unknown whether the mail went out. That counts as temporary, so the mail is sent again
with the same Message-ID (a duplicate per lost reply, which receivers can recognise).

TLS is verified (certificate chain and host name) or the mail is not sent: a relay that
does not offer STARTTLS, or shows a certificate no trusted CA signed, leaves the mail queued;
nothing falls back to plain text.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from mailing.message import check_single_line
from servicekit.settings import EnvReader, SettingsError

TLS_MODES = ("none", "starttls", "tls")


class MailError(Exception):
    """The relay did not take the mail."""


class TemporaryMailError(MailError):
    """Try again later: the relay is unreachable or answered 4xx.

    `relay_unavailable` tells that no mail could go out now (no connection, lost connection,
    login or TLS refused), as opposed to a refusal of this one mail.
    """

    def __init__(self, message: str, *, relay_unavailable: bool = False) -> None:
        super().__init__(message)
        self.relay_unavailable = relay_unavailable


class PermanentMailError(MailError):
    """The relay refused this mail for good (5xx); sending it again would not help."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    mail_from: str
    tls: str = "none"  # none | starttls | tls (implicit TLS, usually port 465)
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout_s: float = 30.0
    ca_file: Path | None = None  # the relay's CA instead of the system's (a private relay)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpSettings:
        env = EnvReader(environ)
        settings = cls(
            # The local SMTP sink of `make run` is the default.
            host=env.str("SMTP_HOST", "127.0.0.1"),
            port=env.int("SMTP_PORT", 1025),
            mail_from=env.str("MAIL_FROM"),
            tls=env.choice("SMTP_TLS", TLS_MODES, "none"),
            user=env.optional("SMTP_USER"),
            password=env.optional("SMTP_PASSWORD"),
            timeout_s=env.int("SMTP_TIMEOUT_SECONDS", 30),
            ca_file=env.optional_file("SMTP_CA_FILE"),
        )
        env.raise_if_invalid()
        problems = []
        if "@" not in parseaddr(settings.mail_from)[1]:
            problems.append(f"MAIL_FROM must be an email address, got {settings.mail_from!r}")
        try:
            check_single_line("MAIL_FROM", settings.mail_from)
        except ValueError as error:
            problems.append(str(error))
        if settings.timeout_s <= 0:
            problems.append("SMTP_TIMEOUT_SECONDS must be positive")
        if settings.password and not settings.user:
            problems.append("SMTP_PASSWORD is set but SMTP_USER is not")
        if settings.ca_file and settings.tls == "none":
            problems.append("SMTP_CA_FILE is set but SMTP_TLS is none")
        if problems:
            raise SettingsError("invalid configuration: " + "; ".join(problems))
        return settings


class SmtpMailer:
    """Sends each message over a connection of its own, with smtplib."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        # Built once: the CA file is read at start-up, not on every mail.
        self._tls_context = ssl.create_default_context(cafile=settings.ca_file)

    @property
    def mail_from(self) -> str:
        return self.settings.mail_from

    def send(self, message: EmailMessage) -> None:
        """Deliver to the relay, or raise TemporaryMailError / PermanentMailError."""
        try:
            with self._connect() as smtp:
                refused = smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise _refused(error.recipients) from None
        except (
            smtplib.SMTPConnectError,
            smtplib.SMTPHeloError,
            smtplib.SMTPAuthenticationError,
            smtplib.SMTPNotSupportedError,
        ) as error:
            # The relay (or its set-up) and not this mail: no mail can go out until it is fixed.
            raise TemporaryMailError(_describe(error), relay_unavailable=True) from None
        except smtplib.SMTPSenderRefused as error:
            # MAIL_FROM refused: every mail would be, so wait for a fixed configuration.
            raise TemporaryMailError(_describe(error), relay_unavailable=True) from None
        except smtplib.SMTPResponseException as error:
            if 400 <= error.smtp_code < 500:
                raise TemporaryMailError(
                    _describe(error), relay_unavailable=error.smtp_code == 421
                ) from None
            raise PermanentMailError(_describe(error)) from None
        except (smtplib.SMTPException, OSError) as error:
            # Refused or lost connections, timeouts, TLS failures.
            raise TemporaryMailError(_describe(error), relay_unavailable=True) from None
        if refused:  # only some recipients refused; a Mail has one, so this is rare
            raise _refused(refused)

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.tls == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=settings.timeout_s,
                context=self._tls_context,
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
        try:
            if settings.tls == "starttls":
                smtp.starttls(context=self._tls_context)
            if settings.user:
                smtp.login(settings.user, settings.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


def _refused(recipients: Mapping[str, tuple[int, bytes]]) -> MailError:
    codes = [code for code, _reply in recipients.values()]
    text = "; ".join(f"{code} {_text(reply)}" for code, reply in recipients.values())
    if codes and all(400 <= code < 500 for code in codes):
        return TemporaryMailError(f"recipient refused: {text}")
    return PermanentMailError(f"recipient refused: {text}")


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
