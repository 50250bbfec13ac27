"""Call-back requests of companies that found no free date.

Revision ID: notifications_0004
Revises: notifications_0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0004"
down_revision = "notifications_0003"
branch_labels = None
depends_on = None

_OPEN = sa.text("done_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Uuid(),
            sa.ForeignKey("company_assessments.assessment_id"),
            nullable=False,
        ),
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("preferred_time", sa.String(200)),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("done_by", sa.Uuid(), sa.ForeignKey("advisors.id")),
    )
    op.create_index(
        "uq_callback_requests_open_company",
        "callback_requests",
        ["company_id"],
        unique=True,
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )


def downgrade() -> None:
    op.drop_table("callback_requests")
