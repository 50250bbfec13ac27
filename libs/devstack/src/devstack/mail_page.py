"""A read-only web page over the sink's mail folder, served from a background thread."""

from __future__ import annotations

import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from devstack import mail_render
from devstack.lifecycle import LocalServer
from devstack.mailbox import Mailbox
from devstack.ports import LOOPBACK

logger = logging.getLogger(__name__)

# The pages themselves need no script at all; frames may only load our own HTML-part URL.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# A mail's HTML part: its styles and inline images may show, nothing may run or load.
MAIL_HTML_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class MailPage(LocalServer):
    def __init__(
        self, mail_dir: Path | str = "var/mail", *, port: int = 8025, host: str = LOOPBACK
    ):
        self.mailbox = Mailbox(mail_dir)
        self.host = host
        self.port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> None:
        if self._server is not None:
            return
        handler = type("BoundMailPageHandler", (_MailPageHandler,), {"mailbox": self.mailbox})
        self._server = ThreadingHTTPServer((self.host, self.port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long stop() waits; the default is 0.5 s
            name="mail-page",
            daemon=True,
        )
        self._thread.start()
        logger.info("mail page on %s", self.url)

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


class _MailPageHandler(BaseHTTPRequestHandler):
    mailbox: Mailbox
    server_version = "wegweiser-dev-mail"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send_html(mail_render.render_index(self.mailbox.paths()), PAGE_CSP)
            return
        kind, _, name = path.lstrip("/").partition("/")
        name, _, suffix = name.partition("/")
        mail = self.mailbox.path_for(name)
        if mail is None:
            self._send_error(HTTPStatus.NOT_FOUND)
        elif kind == "mail" and suffix == "":
            self._send_html(mail_render.render_mail(mail), PAGE_CSP)
        elif kind == "mail" and suffix == "html":
            html = mail_render.html_part(mail)
            if html is None:
                self._send_error(HTTPStatus.NOT_FOUND)
            else:
                self._send_html(html, MAIL_HTML_CSP)
        elif kind == "raw" and suffix == "":
            self._send_raw(mail)
        else:
            self._send_error(HTTPStatus.NOT_FOUND)

    def _send_html(self, html: str, csp: str) -> None:
        self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8", csp)

    def _send_raw(self, mail: Path) -> None:
        self._send(
            HTTPStatus.OK,
            mail.read_bytes(),
            "message/rfc822",
            PAGE_CSP,
            {"Content-Disposition": f'attachment; filename="{mail.name}"'},
        )

    def _send_error(self, status: HTTPStatus) -> None:
        self._send(status, status.phrase.encode(), "text/plain; charset=utf-8", PAGE_CSP)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        csp: str,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("mail page: %s", format % args)
