"""A folder of `.eml` files, one per accepted mail, named so that name order is arrival order."""

from __future__ import annotations

import email
import os
import re
import threading
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

# 20261127T011513.123456789Z.eml: fixed width, so name order is time order.
_NAME = re.compile(r"^\d{8}T\d{6}\.\d{9}Z\.eml$")


class Mailbox:
    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._last_stamp_ns = 0

    def store(self, raw: bytes) -> Path:
        """Write the mail atomically: readers never see half a file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / self._next_name()
        # A dot-file is not listed, so the temporary file is invisible until the rename.
        temporary = path.with_name(f".{path.name}.tmp")
        with temporary.open("wb") as file:
            file.write(raw)
        os.replace(temporary, path)
        return path

    def paths(self) -> list[Path]:
        """Stored mails, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if _NAME.match(p.name))

    def path_for(self, name: str) -> Path | None:
        """The file for a name taken from a URL, or None: only our own names are accepted."""
        if not _NAME.match(name):
            return None
        path = self.directory / name
        return path if path.is_file() else None

    def messages(self) -> list[EmailMessage]:
        return [read_message(path) for path in self.paths()]

    def clear(self) -> None:
        for path in self.paths():
            path.unlink(missing_ok=True)

    def _next_name(self) -> str:
        # Strictly increasing even when two mails arrive within one clock tick.
        with self._lock:
            stamp_ns = max(time.time_ns(), self._last_stamp_ns + 1)
            self._last_stamp_ns = stamp_ns
        return arrival_name(stamp_ns)


def arrival_name(stamp_ns: int) -> str:
    seconds, nanos = divmod(stamp_ns, 1_000_000_000)
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return f"{moment:%Y%m%dT%H%M%S}.{nanos:09d}Z.eml"


def arrival_time(path: Path) -> datetime:
    return datetime.strptime(path.name[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def read_message(path: Path) -> EmailMessage:
    with path.open("rb") as file:
        # policy=default makes the parser build EmailMessage objects.
        return email.message_from_binary_file(file, policy=default_policy)
