"""The current time as a web process sees it, carried by the Flask app so that a test can
pin it: what a page, a mail or an invitation says on the night the clocks change can only be
checked on that night."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask, current_app

CLOCK_EXTENSION = "wegweiser.clock"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def current_time() -> datetime:
    """The app's current time (aware, UTC); only inside a request or an app context."""
    clock: Clock = current_app.extensions[CLOCK_EXTENSION]
    return clock()


def pin_clock(app: Flask, at: datetime) -> None:
    """Stop the app's clock at `at` (aware): how a test sees a page at the moment it chose."""
    app.extensions[CLOCK_EXTENSION] = lambda: at
