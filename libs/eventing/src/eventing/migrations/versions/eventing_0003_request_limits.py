"""The request limits every service keeps for its anonymous doors.

Revision ID: eventing_0003
Revises: eventing_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eventing_0003"
down_revision = "eventing_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_limits",
        sa.Column("limit_key", sa.String(64), primary_key=True),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("window_ends", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_request_limits_window_ends", "request_limits", ["window_ends"])


def downgrade() -> None:
    op.drop_index("ix_request_limits_window_ends", "request_limits")
    op.drop_table("request_limits")
