"""An SMTP server on loopback that accepts every mail and keeps it as an `.eml` file."""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from devstack.lifecycle import LocalServer
from devstack.mailbox import Mailbox
from devstack.ports import LOOPBACK, port_accepts

logger = logging.getLogger(__name__)

DEFAULT_REFUSAL = "451 4.3.2 The local SMTP sink is refusing mail on purpose"


class SmtpSinkStartError(RuntimeError):
    pass


class SmtpSink(LocalServer):
    """EHLO, 8BITMIME, SMTPUTF8, SIZE and (any) AUTH without TLS, like a relay minus the TLS.

    For tests of the real thing, `tls` ("starttls" or "tls", as SMTP_TLS) with the server's
    `tls_context` makes it a relay that insists on TLS, and `login` one that wants exactly
    that user and password.

    `stop()` and `start()` again on the same port make the relay unreachable for a while;
    `refuse()` keeps it reachable but answers DATA with a temporary failure;
    `drop_after_data()` hangs up where the sender cannot tell whether the mail went out.
    """

    def __init__(
        self,
        mail_dir: Path | str = "var/mail",
        *,
        port: int = 1025,
        host: str = LOOPBACK,
        tls: str = "none",
        tls_context: ssl.SSLContext | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        if (tls == "none") != (tls_context is None):
            raise ValueError("a TLS mode needs the server's tls_context, and only it")
        self.host = host
        self.port = port
        self.mailbox = Mailbox(mail_dir)
        self.refusal: str | None = None
        self.drop_stores: bool | None = None
        self._tls = tls
        self._tls_context = tls_context
        self._login = login
        self._controller: Controller | None = None

    @property
    def mail_dir(self) -> Path:
        return self.mailbox.directory

    def is_running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        if self._controller is not None:
            return
        # aiosmtpd would only notice a taken port after its full ready timeout.
        if port_accepts(self.host, self.port):
            raise SmtpSinkStartError(
                f"cannot start the SMTP sink: {self.host}:{self.port} is in use"
            )
        self.mailbox.directory.mkdir(parents=True, exist_ok=True)
        # A controller owns an event loop that stop() closes, so every start needs a new one.
        controller = Controller(
            _StoringHandler(self),
            hostname=self.host,
            port=self.port,
            ready_timeout=5.0,
            server_hostname="wegweiser-dev-sink",  # skips the slow socket.getfqdn()
            enable_SMTPUTF8=True,
            **self._security(),
        )
        try:
            controller.start()
        except BaseException:
            controller.stop(no_assert=True)
            if not controller.loop.is_closed():
                controller.loop.close()
            raise
        self._controller = controller
        logger.info("SMTP sink on %s:%s storing mail in %s", self.host, self.port, self.mail_dir)

    def _security(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            # Without TLS a sender configured with credentials must still work; aiosmtpd
            # counts only STARTTLS as TLS, so implicit TLS must not wait for it either.
            "auth_require_tls": self._tls == "starttls",
            "authenticator": _accept_any_credentials,
        }
        if self._tls == "starttls":
            options |= {"tls_context": self._tls_context, "require_starttls": True}
        elif self._tls == "tls":
            options["ssl_context"] = self._tls_context
        if self._login is not None:
            # aiosmtpd's own auth_required would warn about implicit TLS, which it does not
            # count as TLS; _StoringHandler.handle_MAIL asks for the login instead.
            options["authenticator"] = _Credentials(*self._login)
        return options

    @property
    def wants_login(self) -> bool:
        return self._login is not None

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def refuse(self, reply: str = DEFAULT_REFUSAL) -> None:
        """Answer every DATA with `reply` (an SMTP status line) until `accept()`."""
        self.refusal = reply

    def drop_after_data(self, *, store: bool) -> None:
        """Close every connection after its DATA instead of replying, until `accept()`: with
        the mail stored (`store`: the relay took it and its 250 was lost) or not."""
        self.drop_stores = store

    def accept(self) -> None:
        self.refusal = None
        self.drop_stores = None

    def paths(self) -> list[Path]:
        return self.mailbox.paths()

    def messages(self) -> list[EmailMessage]:
        """Every stored mail, in arrival order."""
        return self.mailbox.messages()

    def clear(self) -> None:
        self.mailbox.clear()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """Wait until at least `count` mails are stored; return all of them."""
        deadline = time.monotonic() + timeout
        while len(self.paths()) < count:
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"expected {count} mail(s) in {self.mail_dir} within {timeout:g} s, "
                    f"got {len(self.paths())}"
                )
            time.sleep(0.02)
        return self.messages()


class _StoringHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self._sink = sink

    async def handle_MAIL(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if self._sink.wants_login and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        sink = self._sink
        if sink.refusal is not None:
            return sink.refusal
        reply = self._store(envelope) if sink.drop_stores is not False else ""
        if sink.drop_stores is None:
            return reply
        # aiosmtpd's server runs on a socket transport, which can abort.
        assert isinstance(server.transport, asyncio.Transport)
        server.transport.abort()  # what it replies below goes nowhere
        return "421 4.4.2 Connection dropped on purpose"

    def _store(self, envelope: Envelope) -> str:
        raw = _delivery_headers(envelope) + _as_bytes(envelope.original_content)
        try:
            path = self._sink.mailbox.store(raw)
        except OSError:
            logger.exception("could not store a mail in %s", self._sink.mail_dir)
            return "451 4.3.0 The local SMTP sink could not store the mail"
        logger.info(
            "mail from %s to %s stored as %s", envelope.mail_from, envelope.rcpt_tos, path.name
        )
        return "250 2.0.0 OK stored"


def _delivery_headers(envelope: Envelope) -> bytes:
    # The envelope is what a relay delivers to (Bcc recipients appear only here), so keep it
    # the way a delivering MTA would: in headers on top of the mail.
    recipients = ", ".join(f"<{rcpt}>" for rcpt in envelope.rcpt_tos)
    lines = f"Return-Path: <{envelope.mail_from or ''}>\r\nX-Envelope-To: {recipients}\r\n"
    return lines.encode("utf-8")


def _as_bytes(content: Any) -> bytes:
    return content if isinstance(content, bytes) else str(content).encode("utf-8")


def _accept_any_credentials(*_args: object) -> AuthResult:
    return AuthResult(success=True)


class _Credentials:
    def __init__(self, user: str, password: str) -> None:
        self._user = user.encode()
        self._password = password.encode()

    def __call__(
        self, _server: SMTP, _session: Session, _envelope: Envelope, _mechanism: str, data: object
    ) -> AuthResult:
        expected = LoginPassword(self._user, self._password)
        if isinstance(data, LoginPassword) and data == expected:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)  # aiosmtpd replies 535
