"""JSON logs, one object per line, carrying the correlation id of the work in hand."""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
# What a client sent as its correlation id when that was not a UUID: kept apart, so a forged
# value never reads as one of ours in the log trail.
_client_correlation_id: ContextVar[str | None] = ContextVar("client_correlation_id", default=None)
MAX_CLIENT_CORRELATION_ID = 100

# Secrets that travel in URLs (a company's resume link, signed booking, download and export
# links) must not be kept in logs: the access log of the request that opens such a link would
# write it down.
_SECRET_IN_URL = re.compile(
    r"(?P<keep>/resume/[0-9a-fA-F-]{36}/|/book/|/privacy/export/|[?&](?:token|signature)=)"
    r"[^\s\"&#/?]+"
)


def redact(text: str) -> str:
    return _SECRET_IN_URL.sub(r"\g<keep>[redacted]", text)


def bind_request_correlation_id(header: str) -> tuple[str, Callable[[], None]]:
    """The correlation id of a request whose client sent `header` (X-Correlation-ID), bound
    for the rest of this context, and the function that unbinds it.

    Only a UUID is taken over: anything else could forge another request's trail or carry
    text made to mislead a reader of the log. It gets a fresh id, and the client's value is
    logged as `client_correlation_id`, shortened and without control characters.
    """
    try:
        value, client_value = str(uuid.UUID(header)), None
    except ValueError:
        value = str(uuid.uuid4())
        client_value = _printable(header)[:MAX_CLIENT_CORRELATION_ID] or None
    tokens = (_correlation_id.set(value), _client_correlation_id.set(client_value))

    def unbind() -> None:
        _client_correlation_id.reset(tokens[1])
        _correlation_id.reset(tokens[0])

    return value, unbind


def _printable(text: str) -> str:
    return "".join(char for char in text if char.isprintable())


@contextmanager
def correlation_id(value: str | None) -> Iterator[None]:
    """Every log record written inside carries this id (the assessment id through the flow)."""
    token = _correlation_id.set(value)
    try:
        yield
    finally:
        _correlation_id.reset(token)


def current_correlation_id() -> str | None:
    return _correlation_id.get()


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self._service,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        cid = _correlation_id.get()
        if cid is not None:
            entry["correlation_id"] = cid
        client_cid = _client_correlation_id.get()
        if client_cid is not None:
            entry["client_correlation_id"] = client_cid
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send JSON lines to stdout (12-factor: the platform collects and ships them)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # kafka-python logs every reconnect attempt at INFO/WARNING; its errors still pass.
    logging.getLogger("kafka").setLevel(max(logging.ERROR, root.level))
