"""SIGINT/SIGTERM as flags the supervisor polls, instead of exceptions at random places."""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any

_HANDLED = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """First signal: `requested` (stop cleanly). A second one: `forced` (stop now)."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.forced = threading.Event()
        self.received: str | None = None
        self._previous: dict[signal.Signals, Any] = {}

    def __enter__(self) -> StopSignals:
        for signum in _HANDLED:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for signum, previous in self._previous.items():
            # None means the handler was installed outside Python; the default is closest.
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        # Only set flags here: a handler that logs could deadlock on a lock the
        # interrupted main thread holds.
        if self.requested.is_set():
            self.forced.set()
        else:
            self.received = signal.Signals(signum).name
            self.requested.set()
