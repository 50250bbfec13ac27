"""Privacy: erasure requests and their completions (the erasure ledger comes from eventing).

Revision ID: assessment_0003
Revises: assessment_0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assessment_0003"
down_revision = "assessment_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_requests",
        sa.Column("erasure_id", sa.Uuid(), primary_key=True),
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.String(10), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contact_name", sa.String(200)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("language", sa.String(2)),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_erasure_requests_company_id", "erasure_requests", ["company_id"])
    op.create_table(
        "erasure_completions",
        sa.Column("erasure_id", sa.Uuid(), primary_key=True),
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("erasure_completions")
    op.drop_index("ix_erasure_requests_company_id", table_name="erasure_requests")
    op.drop_table("erasure_requests")
