"""The funding programmes of each ruleset with their review dates (from `ruleset.published`),
for the admins' list of facts due for a check.

Revision ID: notifications_0009
Revises: notifications_0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0009"
down_revision = "notifications_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "funding_reviews",
        sa.Column("ruleset_version", sa.String(50), primary_key=True),
        sa.Column("programme_id", sa.String(100), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("ends_on", sa.Date()),
        sa.Column("verified_on", sa.Date(), nullable=False),
        sa.Column("review_by", sa.Date(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("funding_reviews")
