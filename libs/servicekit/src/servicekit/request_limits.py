"""Limits on the anonymous requests that create records or send mail (starting a check,
asking for a call back, changing a booking), and on password guessing at the desk's login:
per client address and per recipient.

Per client address, so one script cannot fill the database; generous, because a workshop
of companies behind one network address must all get through. Per recipient (a mailbox, a
company), because that is what stops mail bombing: addresses cost an attacker nothing, a
victim has only one mailbox.

Counted in the database (the `request_limits` table, created by the eventing migration
branch in every service's database), so the limit holds across gunicorn workers, pods and
restarts. One row per counted key: its count and when its window ends; a window opens with
the first request after the last one ended. Each step is one statement that checks and
counts at once, so concurrent requests cannot both take the last place. Keys are SHA-256
digests: no address, mailbox or company id is stored. Rows of ended windows are deleted
when a new window opens, so the table holds only the keys counted now.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from datetime import datetime

from flask import request
from sqlalchemy import Connection, Engine, Table, delete, select, update

from servicekit.db import dialect_insert
from servicekit.settings import Rate


class LimitReached(Exception):
    """Too many requests; `retry_after` seconds until the next one counts again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many requests, retry after {retry_after} s")
        self.retry_after = retry_after


class RequestLimits:
    def __init__(self, engine: Engine, table: Table, per_client: Rate, per_recipient: Rate) -> None:
        # The table is declared and migrated by eventing (eventing.tables), which builds on
        # servicekit; so it is handed in rather than imported.
        self._engine = engine
        self._table = table
        self._per_client = per_client
        self._per_recipient = per_recipient

    def take(
        self,
        action: str,
        client: str,
        recipient: str,
        now: datetime,
        *,
        connection: Connection | None = None,
    ) -> None:
        """Count one `action` from `client` to `recipient`, or raise LimitReached and count
        nothing when either has used its window up. In the caller's `connection`, the count
        stands or falls with the caller's change (so a change that fails counts nothing);
        the caller's transaction must roll back on LimitReached, as `engine.begin()` does."""
        if connection is None:
            with self._engine.begin() as own:
                self._take(own, action, client, recipient, now)
        else:
            self._take(connection, action, client, recipient, now)

    def take_back(self, action: str, client: str, recipient: str) -> None:
        """Undo a `take` whose request proved legitimate (a login with the right password):
        it no longer counts against `client`, and `recipient` starts afresh."""
        table = self._table
        client_key = _key(action, "client", client)
        with self._engine.begin() as connection:
            connection.execute(
                delete(table).where(table.c.limit_key == _key(action, "recipient", recipient))
            )
            connection.execute(
                update(table)
                .where(table.c.limit_key == client_key, table.c.used > 0)
                .values(used=table.c.used - 1)
            )

    def _take(
        self, connection: Connection, action: str, client: str, recipient: str, now: datetime
    ) -> None:
        counted = {
            _key(action, "client", client): self._per_client,
            _key(action, "recipient", recipient): self._per_recipient,
        }
        # Always in the same order: two requests locking two rows never wait on each other.
        waits = [self._wait(connection, key, counted[key], now) for key in sorted(counted)]
        refused = [wait for wait in waits if wait]
        if refused:
            raise LimitReached(max(refused))  # the transaction's rollback uncounts the rest

    def _wait(self, connection: Connection, key: str, rate: Rate, now: datetime) -> int:
        """Count the request under `key`; 0 if it was counted, else the seconds to wait."""
        if (
            self._count(connection, key, rate, now)
            or self._reopen(connection, key, rate, now)
            or self._open(connection, key, rate, now)
            # A concurrent request opened the window between the steps above.
            or self._count(connection, key, rate, now)
        ):
            return 0
        table = self._table
        ends = connection.execute(
            select(table.c.window_ends).where(table.c.limit_key == key)
        ).scalar_one_or_none()
        return max(1, math.ceil((ends - now).total_seconds())) if ends else 1

    def _count(self, connection: Connection, key: str, rate: Rate, now: datetime) -> bool:
        table = self._table
        statement = (
            update(table)
            .where(table.c.limit_key == key, table.c.window_ends > now, table.c.used < rate.count)
            .values(used=table.c.used + 1)
        )
        return connection.execute(statement).rowcount == 1

    def _reopen(self, connection: Connection, key: str, rate: Rate, now: datetime) -> bool:
        table = self._table
        statement = (
            update(table)
            .where(table.c.limit_key == key, table.c.window_ends <= now)
            .values(used=1, window_ends=now + rate.window)
        )
        return connection.execute(statement).rowcount == 1

    def _open(self, connection: Connection, key: str, rate: Rate, now: datetime) -> bool:
        table = self._table
        connection.execute(delete(table).where(table.c.window_ends <= now))
        statement = (
            dialect_insert(connection, table)
            .values(limit_key=key, used=1, window_ends=now + rate.window)
            .on_conflict_do_nothing()
            # Not rowcount: on PostgreSQL (psycopg) it is -1 for this statement.
            .returning(table.c.limit_key)
        )
        return connection.execute(statement).first() is not None


def client_address() -> str:
    """The client of this request: the proxy's view of it where one is trusted
    (TRUSTED_PROXY_HOPS, servicekit.web). An IPv6 client counts by its /64 network, which one
    household or office gets whole: counting single addresses would let it take 2**64."""
    raw = request.remote_addr or "-"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def mailbox(address: str) -> str:
    """The mailbox an address reaches: `Name+tag@Example.org` and `name@example.org` are one
    (most providers deliver `+tag` to the mailbox before it), so tags cannot multiply a
    victim's limit."""
    local, _, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _key(action: str, kind: str, value: str) -> str:
    return hashlib.sha256(f"{action}\x00{kind}\x00{value}".encode()).hexdigest()
