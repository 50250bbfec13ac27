"""The desk's login limit: after 5 failed logins for one address from one IP address within
15 minutes, that pair waits; after 50 failures from one IP address (whatever the
addresses), that IP address waits. Counted in the database, so the limit holds across
gunicorn workers and restarts, which an in-process counter would not."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select

from notifications.adapters.tables import login_failures

WINDOW = timedelta(minutes=15)
PER_ADDRESS_AND_IP = 5
PER_IP = 50


def is_limited(connection: Connection, email: str, ip: str, now: datetime) -> bool:
    since = now - WINDOW
    recent = (login_failures.c.ip == ip) & (login_failures.c.failed_at > since)
    for_ip = connection.execute(select(func.count()).where(recent)).scalar_one()
    for_pair = connection.execute(
        select(func.count()).where(recent, login_failures.c.email == email)
    ).scalar_one()
    return for_pair >= PER_ADDRESS_AND_IP or for_ip >= PER_IP


def record_failure(connection: Connection, email: str, ip: str, now: datetime) -> None:
    # Failures older than the window count for nothing: they go as new ones come.
    connection.execute(delete(login_failures).where(login_failures.c.failed_at <= now - WINDOW))
    connection.execute(
        insert(login_failures).values(id=uuid.uuid4(), email=email[:320], ip=ip, failed_at=now)
    )


def forget_failures(connection: Connection, email: str, ip: str) -> None:
    """After a successful login the pair starts afresh."""
    connection.execute(
        delete(login_failures).where(login_failures.c.email == email, login_failures.c.ip == ip)
    )
