"""Stopping long-running loops cleanly on SIGTERM (orchestrators) and SIGINT (Ctrl-C)."""

from __future__ import annotations

import faulthandler
import signal
import threading
from types import FrameType


def stop_on_signals() -> threading.Event:
    """An event that is set when the process is asked to stop; loops check it between steps."""
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    # `kill -USR1` writes every thread's stack to the log: a loop that stopped turning (its
    # health file goes stale) then says where it stands, without a debugger in the container.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    return stop
