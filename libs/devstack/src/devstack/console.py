"""The supervisor's terminal: one line per write, each prefixed with where it came from."""

from __future__ import annotations

import io
import logging
import sys
import threading

SUPERVISOR = "devstack"
_PREFIX_WIDTH = 21  # fits "notifications-migrate"
# Re-entrant: a signal handler may log while the main thread is inside say().
_lock = threading.RLock()


def say(source: str, line: str) -> None:
    with _lock:
        try:
            sys.stdout.write(f"{source:<{_PREFIX_WIDTH}} | {line}\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass  # terminal gone (e.g. piped into `head`); the log files still have it all


class ConsoleHandler(logging.Handler):
    """Routes the supervisor's own log records to the terminal, prefixed like child output."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(SUPERVISOR, self.format(record))
        except Exception:  # logging must never take the supervisor down
            self.handleError(record)


def configure_logging(level: int = logging.INFO) -> None:
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A service printing characters the terminal cannot encode must not kill its
        # output thread.
        sys.stdout.reconfigure(errors="backslashreplace")
    handler = ConsoleHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Libraries that narrate every connection at INFO would drown the services' output.
    for chatty in ("kafka", "mail.log", "asyncio"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
