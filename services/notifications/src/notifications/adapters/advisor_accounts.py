"""Advisor accounts: creating them, changing what they cover, and checking a login.

Passwords are stored as argon2id hashes (argon2-cffi's defaults, which follow RFC 9106's
recommendation); an address is compared lower-cased, as mail systems treat it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Row, func, insert, select, update

from notifications.adapters.tables import ROLE_ADMIN, ROLE_ADVISOR, advisors
from wording.cluster_time import CLUSTER_ZONE_NAME

ROLES = (ROLE_ADVISOR, ROLE_ADMIN)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200  # argon2 takes any length; this bounds the work per attempt

_hasher = PasswordHasher()
# Checked when the address is unknown, so that a login takes as long either way and its
# timing does not tell which addresses have accounts.
_UNKNOWN_ACCOUNT_HASH = _hasher.hash("not a password of anyone")


class AccountExists(Exception):
    """An account with this address exists already."""


@dataclass(frozen=True)
class Coverage:
    """What routing and booking need of an advisor, as an admin edits it."""

    districts: Sequence[str]
    topics: Sequence[str]
    active: bool = True
    meeting_minutes: int = 60
    buffer_minutes: int = 15


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_account(
    connection: Connection,
    *,
    name: str,
    email: str,
    role: str,
    password: str | None,
    coverage: Coverage,
    now: datetime,
) -> uuid.UUID:
    """A new advisor or admin; raises AccountExists for a known address."""
    email = normalise_email(email)
    if find_by_email(connection, email) is not None:
        raise AccountExists(email)
    advisor_id = uuid.uuid4()
    connection.execute(
        insert(advisors).values(
            id=advisor_id,
            name=name.strip(),
            email=email,
            role=role,
            password_hash=None if password is None else _hasher.hash(password),
            timezone=CLUSTER_ZONE_NAME,
            created_at=now,
            **_coverage_values(coverage),
        )
    )
    return advisor_id


def update_account(
    connection: Connection, advisor_id: uuid.UUID, name: str, role: str, coverage: Coverage
) -> None:
    connection.execute(
        update(advisors)
        .where(advisors.c.id == advisor_id)
        .values(name=name.strip(), role=role, **_coverage_values(coverage))
    )


def set_password(connection: Connection, advisor_id: uuid.UUID, password: str) -> None:
    connection.execute(
        update(advisors)
        .where(advisors.c.id == advisor_id)
        .values(password_hash=_hasher.hash(password))
    )


def find_by_email(connection: Connection, email: str) -> Row | None:
    return connection.execute(
        select(advisors).where(func.lower(advisors.c.email) == normalise_email(email))
    ).first()


def find(connection: Connection, advisor_id: uuid.UUID) -> Row | None:
    return connection.execute(select(advisors).where(advisors.c.id == advisor_id)).first()


def authenticate(connection: Connection, email: str, password: str) -> Row | None:
    """The active account these credentials open, or None (for whatever reason)."""
    account = find_by_email(connection, email)
    stored = None if account is None else account.password_hash
    try:
        _hasher.verify(stored or _UNKNOWN_ACCOUNT_HASH, password[:MAX_PASSWORD_LENGTH])
    except (VerificationError, InvalidHashError):
        return None
    if account is None or stored is None or not account.active:
        return None
    return account


def upgrade_hash(connection: Connection, account: Row, password: str) -> bool:
    """After a successful login: store the password again under today's argon2 parameters
    if it was hashed under older ones (the plain password exists only at this moment)."""
    if not _hasher.check_needs_rehash(account.password_hash):
        return False
    connection.execute(
        update(advisors)
        .where(advisors.c.id == account.id)
        .values(password_hash=_hasher.hash(password[:MAX_PASSWORD_LENGTH]))
    )
    return True


def _coverage_values(coverage: Coverage) -> dict[str, object]:
    return {
        "districts": sorted(set(coverage.districts)),
        "topics": sorted(set(coverage.topics)),
        "active": coverage.active,
        "meeting_minutes": coverage.meeting_minutes,
        "buffer_minutes": coverage.buffer_minutes,
    }
