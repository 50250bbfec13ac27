"""Follow-ups of a submitted assessment: report and meeting status.

Revision ID: assessment_0002
Revises: assessment_0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assessment_0002"
down_revision = "assessment_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_ups",
        sa.Column("assessment_id", sa.Uuid(), sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("report_status", sa.String(20), nullable=False),
        sa.Column("report_url", sa.String(2000)),
        sa.Column("report_pages", sa.Integer()),
        sa.Column("report_failure", sa.String(500)),
        sa.Column("meeting_status", sa.String(20), nullable=False),
        sa.Column("meeting_id", sa.Uuid()),
        sa.Column("meeting_starts_at", sa.DateTime(timezone=True)),
        sa.Column("meeting_ends_at", sa.DateTime(timezone=True)),
        sa.Column("meeting_sequence", sa.Integer()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("follow_ups")
