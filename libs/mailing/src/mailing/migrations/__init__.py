"""Alembic revisions of the mail outbox (branch `mailing`): a service that sends mail adds
`VERSIONS` to its version locations and `mailing.tables.metadata` to its metadata."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from mailing.owner import MailOwner

VERSIONS = Path(__file__).with_name("versions")

_mails = sa.table(
    "mail_outbox",
    sa.column("id", sa.Uuid()),
    sa.column("dedupe_key", sa.String()),
    sa.column("owner_company_id", sa.Uuid()),
    sa.column("owner_assessment_id", sa.Uuid()),
    sa.column("owner_advisor_id", sa.Uuid()),
)


def fill_owners(db: sa.Connection, owner_of: Callable[[str], MailOwner | None]) -> None:
    """Give each mail without an owner the one `owner_of` derives from its dedupe key.

    For the migration of a service after mailing_0003: only the service knows what its keys
    name and has the tables to follow them to a company."""
    rows = db.execute(
        sa.select(_mails.c.id, _mails.c.dedupe_key).where(
            _mails.c.owner_company_id.is_(None), _mails.c.owner_advisor_id.is_(None)
        )
    ).all()
    for row in rows:
        owner = owner_of(row.dedupe_key)
        if owner is not None:
            db.execute(sa.update(_mails).where(_mails.c.id == row.id).values(**owner.columns()))


def forget_owners(db: sa.Connection) -> None:
    """The downgrade of a service's fill_owners."""
    db.execute(
        sa.update(_mails).values(
            owner_company_id=None, owner_assessment_id=None, owner_advisor_id=None
        )
    )
