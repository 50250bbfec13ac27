"""The `advisors` table, the one module that reads and writes it: accounts (created,
changed, checked at login), the advisor as booking and routing see them, and the admins
told about call-back requests. The desk's lists join an advisor's name in
(adapters/desk_queries.py); everything else asks here.

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
from sqlalchemy.orm import Session

from mailing.message import single_line
from notifications.adapters.tables import ROLE_ADMIN, ROLE_ADVISOR, advisors
from notifications.domain.meetings import Advisor, Company
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


@dataclass(frozen=True)
class DeskUser:
    """The account logged in to the desk."""

    id: uuid.UUID
    name: str
    email: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN


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


def all_accounts(connection: Connection) -> Sequence[Row]:
    return connection.execute(select(advisors).order_by(advisors.c.name)).all()


def active_admins(connection: Connection) -> Sequence[Row]:
    """Id and address of every active admin."""
    return connection.execute(
        select(advisors.c.id, advisors.c.email).where(
            advisors.c.role == ROLE_ADMIN, advisors.c.active.is_(True)
        )
    ).all()


def contact(db: Session | Connection, advisor_id: uuid.UUID) -> Row:
    """Id, name and address of an advisor (who is never deleted)."""
    query = select(advisors.c.id, advisors.c.name, advisors.c.email)
    return db.execute(query.where(advisors.c.id == advisor_id)).one()


# -- routing -------------------------------------------------------------------------------


def active_for_routing(session: Session) -> Sequence[Row]:
    """The active advisors, locked (on PostgreSQL) so that two workers assigning at once see
    each other's last_assigned_at and the round robin stays even."""
    return session.execute(
        select(advisors).where(advisors.c.active.is_(True)).with_for_update()
    ).all()


def mark_assigned(db: Session | Connection, advisor_id: uuid.UUID, now: datetime) -> str:
    """Routing's round robin goes on from `now`; returns the advisor's name."""
    db.execute(update(advisors).where(advisors.c.id == advisor_id).values(last_assigned_at=now))
    name: str = db.execute(select(advisors.c.name).where(advisors.c.id == advisor_id)).scalar_one()
    return name


# -- booking -------------------------------------------------------------------------------


def load_advisor(connection: Connection, advisor_id: uuid.UUID) -> Advisor | None:
    row = connection.execute(select(advisors).where(advisors.c.id == advisor_id)).first()
    return None if row is None else as_advisor(row)


def advisors_for(connection: Connection, company: Company) -> list[Advisor]:
    """Whose slots the company sees: its assigned advisor while active; before routing has
    assigned one (or if that advisor left), every active advisor covering its district, and
    if none does, every active advisor, so no company is left without a date."""
    active = connection.execute(
        select(advisors).where(advisors.c.active.is_(True)).order_by(advisors.c.name)
    ).all()
    assigned = [row for row in active if row.id == company.advisor_id]
    in_district = [row for row in active if company.district in row.districts]
    return [as_advisor(row) for row in assigned or in_district or active]


def as_advisor(row: Row) -> Advisor:
    """The booking view of a row of `advisors`."""
    return Advisor(
        id=row.id,
        name=single_line(row.name),  # as the company's names, for advisors created before the check
        email=row.email,
        timezone=row.timezone,
        meeting_minutes=row.meeting_minutes,
        buffer_minutes=row.buffer_minutes,
    )


def _coverage_values(coverage: Coverage) -> dict[str, object]:
    return {
        "districts": sorted(set(coverage.districts)),
        "topics": sorted(set(coverage.topics)),
        "active": coverage.active,
        "meeting_minutes": coverage.meeting_minutes,
        "buffer_minutes": coverage.buffer_minutes,
    }
