"""The owners of the mails queued before mails had one (mailing_0003 adds the columns).

A resume mail's key names its assessment, an erasure confirmation's its erasure request;
the company comes from this service's own tables. A mail whose assessment is gone keeps no
owner: it is in no export (it was erased or expired with its assessment anyway).

Revision ID: assessment_0004
Revises: assessment_0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from mailing.migrations import fill_owners, forget_owners
from mailing.owner import MailOwner

revision = "assessment_0004"
down_revision = "assessment_0003"
branch_labels = None
depends_on = "mailing_0003"

_assessments = sa.table(
    "assessments", sa.column("id", sa.Uuid()), sa.column("company_id", sa.Uuid())
)
_requests = sa.table(
    "erasure_requests", sa.column("erasure_id", sa.Uuid()), sa.column("company_id", sa.Uuid())
)


def upgrade() -> None:
    db = op.get_bind()
    companies = dict(db.execute(sa.select(_assessments.c.id, _assessments.c.company_id)).all())
    erasures = dict(db.execute(sa.select(_requests.c.erasure_id, _requests.c.company_id)).all())

    def owner_of(dedupe_key: str) -> MailOwner | None:
        # assessment-resume:<assessment>[:<token hash>], erasure-confirmation:<erasure>
        kind, _, rest = dedupe_key.partition(":")
        named = _uuid(rest.split(":")[0])
        if kind == "assessment-resume" and named in companies:
            return MailOwner.company(companies[named], named)
        if kind == "erasure-confirmation" and named in erasures:
            return MailOwner.company(erasures[named], None)
        return None

    fill_owners(db, owner_of)


def downgrade() -> None:
    forget_owners(op.get_bind())


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
