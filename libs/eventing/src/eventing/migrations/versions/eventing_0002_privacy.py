"""Privacy: the erasure ledger and the link cut-offs, which every service keeps.

Revision ID: eventing_0002
Revises: eventing_0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eventing_0002"
down_revision = "eventing_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_ledger",
        sa.Column("subject_id", sa.Uuid(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("erasure_id", sa.Uuid(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "link_cutoffs",
        sa.Column("company_id", sa.Uuid(), primary_key=True),
        sa.Column("links_valid_from", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_cutoffs")
    op.drop_table("erasure_ledger")
