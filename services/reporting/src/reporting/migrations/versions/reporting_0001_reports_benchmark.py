"""Reports and the benchmark read model.

Revision ID: reporting_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reporting_0001"
down_revision = None
branch_labels = ("reporting",)
depends_on = "eventing_0001"

READINESS_DIMENSIONS = ("strategy", "innovation", "digital", "energy", "workforce", "finance")


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("assessment_id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("file_key", sa.String(200)),
        sa.Column("sha256", sa.String(64)),
        sa.Column("pages", sa.Integer()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failure", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "benchmark_scores",
        sa.Column("assessment_id", sa.Uuid(), primary_key=True),
        sa.Column("employees", sa.String(20), nullable=False),
        sa.Column("main_segment", sa.String(30), nullable=False),
        *(sa.Column(dimension, sa.Float()) for dimension in READINESS_DIMENSIONS),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_benchmark_scores_cohort", "benchmark_scores", ["employees", "main_segment"])


def downgrade() -> None:
    op.drop_table("benchmark_scores")
    op.drop_table("reports")
