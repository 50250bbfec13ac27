"""Revocable links: per company, the time from which its signed links count.

Revision ID: notifications_0004
Revises: notifications_0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0004"
down_revision = "notifications_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_cutoffs",
        sa.Column("company_id", sa.Uuid(), primary_key=True),
        sa.Column("links_valid_from", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_cutoffs")
