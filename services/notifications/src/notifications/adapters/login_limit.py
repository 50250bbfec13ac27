"""The desk's login limit: after 5 failed logins for one address from one client within
15 minutes, that pair waits; after 50 failures from one client (whatever the addresses),
that client waits. Counted by the shared request limits (servicekit.request_limits): in the
database, so the limit holds across gunicorn workers and restarts, and per client as the
trusted proxy forwards it, so clients behind the ingress do not count as one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from eventing.tables import request_limits
from servicekit.request_limits import RequestLimits
from servicekit.settings import Rate

ACTION = "desk-login"
WINDOW = timedelta(minutes=15)
PER_CLIENT = Rate(50, WINDOW)
PER_ADDRESS_FROM_CLIENT = Rate(5, WINDOW)


class LoginLimit:
    def __init__(self, engine: Engine) -> None:
        self._limits = RequestLimits(engine, request_limits, PER_CLIENT, PER_ADDRESS_FROM_CLIENT)

    def attempt(self, email: str, client: str, now: datetime) -> None:
        """Count a login before its password is checked, or raise LimitReached: counted
        first, so guesses sent all at once cannot all pass before one failure is counted."""
        self._limits.take(ACTION, client, _pair(email, client), now)

    def succeeded(self, email: str, client: str) -> None:
        """Only failures count: the login is taken back, and the pair starts afresh."""
        self._limits.take_back(ACTION, client, _pair(email, client))


def _pair(email: str, client: str) -> str:
    # Per address *from one client*: a limit per address alone would let anyone lock an
    # advisor out by guessing at their address.
    return f"{email} from {client}"
