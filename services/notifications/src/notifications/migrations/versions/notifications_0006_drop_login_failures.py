"""The desk's failed logins are counted by the shared request limits now (the
`request_limits` table of the eventing branch), so their own table goes.

Dropping it forgets the failures of the last 15 minutes once, at the upgrade: the limit
starts counting afresh, as after the window would have passed.

Revision ID: notifications_0006
Revises: notifications_0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0006"
down_revision = "notifications_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_login_failures_ip_failed_at", table_name="login_failures")
    op.drop_table("login_failures")


def downgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("ip", sa.String(45), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_failures_ip_failed_at", "login_failures", ["ip", "failed_at"])
