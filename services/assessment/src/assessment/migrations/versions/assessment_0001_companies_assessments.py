"""Companies and their assessments.

Revision ID: assessment_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assessment_0001"
down_revision = None
branch_labels = ("assessment",)
depends_on = "eventing_0001"


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("company_id", sa.Uuid(), sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("employees", sa.String(64), nullable=False),
        sa.Column("revenue_band", sa.String(64)),
        sa.Column("district", sa.String(64), nullable=False),
        sa.Column("contact_name", sa.String(200), nullable=False),
        sa.Column("contact_email", sa.String(254), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("consent_processing", sa.Boolean(), nullable=False),
        sa.Column("consent_advisor_sharing", sa.Boolean(), nullable=False),
        sa.Column("consent_benchmarking", sa.Boolean(), nullable=False),
        sa.Column("consent_text_version", sa.String(50), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("ruleset_version", sa.String(50), nullable=False),
        sa.Column("result", sa.JSON()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_assessments_status"),
    )
    op.create_index("ix_assessments_company_id", "assessments", ["company_id"])


def downgrade() -> None:
    op.drop_index("ix_assessments_company_id", table_name="assessments")
    op.drop_table("assessments")
    op.drop_table("companies")
