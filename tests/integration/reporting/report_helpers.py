"""Helpers of the reporting tests: what the worker wrote, a PDF's text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import Engine, Table, func, select

from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.tables import outbox

SECRET = "test-secret"  # noqa: S105 - a test key
BOOKING_LINK_SECRET = "test-booking-links"  # noqa: S105 - a test key
PUBLIC_URL = "http://reports.test"


def outgoing(engine: Engine) -> list[Envelope]:
    with engine.connect() as connection:
        payloads = connection.execute(select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
        return [decode(payload.encode()) for payload in payloads]


def count(engine: Engine, table: Table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it, with runs of white space made one space
    (so a line break inside a table cell does not matter)."""
    (tmp_path / "text.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "text.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())
