"""Advisors, availability, the read model of scored assessments, and meetings.

Revision ID: notifications_0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0001"
down_revision = None
branch_labels = ("notifications",)
depends_on = "eventing_0001"

_ACTIVE = sa.text("status = 'booked'")


def upgrade() -> None:
    op.create_table(
        "advisors",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("meeting_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_minutes", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_assigned_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('advisor', 'admin')", name="ck_advisors_role"),
        sa.CheckConstraint(
            "meeting_minutes BETWEEN 15 AND 240", name="ck_advisors_meeting_minutes"
        ),
        sa.CheckConstraint("buffer_minutes BETWEEN 0 AND 120", name="ck_advisors_buffer_minutes"),
    )
    op.create_table(
        "weekly_availability",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "advisor_id",
            sa.Uuid(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_weekly_availability_weekday"),
        sa.CheckConstraint("ends > starts", name="ck_weekly_availability_order"),
    )
    op.create_index("ix_weekly_availability_advisor_id", "weekly_availability", ["advisor_id"])
    op.create_table(
        "availability_overrides",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "advisor_id",
            sa.Uuid(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts", sa.Time()),
        sa.Column("ends", sa.Time()),
        sa.Column("note", sa.String(200)),
        sa.CheckConstraint(
            "(starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends > starts)",
            name="ck_availability_overrides_times",
        ),
    )
    op.create_index(
        "ix_availability_overrides_advisor_day", "availability_overrides", ["advisor_id", "day"]
    )
    op.create_table(
        "company_assessments",
        sa.Column("assessment_id", sa.Uuid(), primary_key=True),
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("company_name", sa.String(200), nullable=False),
        sa.Column("district", sa.String(64), nullable=False),
        sa.Column("employees", sa.String(64), nullable=False),
        sa.Column("main_segment", sa.String(64)),
        sa.Column("contact_name", sa.String(200), nullable=False),
        sa.Column("contact_email", sa.String(320), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("advisor_sharing", sa.Boolean(), nullable=False),
        sa.Column("assessment_class", sa.String(1), nullable=False),
        sa.Column("exposure", sa.Float(), nullable=False),
        sa.Column("exposure_level", sa.String(32), nullable=False),
        sa.Column("readiness", sa.Float(), nullable=False),
        sa.Column("readiness_level", sa.String(32), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("priority_label", sa.String(32), nullable=False),
        sa.Column("top_gaps", sa.JSON(), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("advisor_id", sa.Uuid(), sa.ForeignKey("advisors.id")),
        sa.Column("assigned_at", sa.DateTime(timezone=True)),
        sa.Column("report_url", sa.String(2000)),
        sa.Column("report_generated_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_company_assessments_advisor_priority",
        "company_assessments",
        ["advisor_id", "priority"],
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Uuid(),
            sa.ForeignKey("company_assessments.assessment_id"),
            nullable=False,
        ),
        sa.Column("advisor_id", sa.Uuid(), sa.ForeignKey("advisors.id"), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(200), unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_by", sa.String(10)),
        sa.CheckConstraint("status IN ('booked', 'cancelled')", name="ck_meetings_status"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_meetings_order"),
    )
    op.create_index(
        "uq_meetings_active_slot",
        "meetings",
        ["advisor_id", "starts_at"],
        unique=True,
        sqlite_where=_ACTIVE,
        postgresql_where=_ACTIVE,
    )
    op.create_index(
        "uq_meetings_active_assessment",
        "meetings",
        ["assessment_id"],
        unique=True,
        sqlite_where=_ACTIVE,
        postgresql_where=_ACTIVE,
    )
    op.create_index("ix_meetings_advisor_starts_at", "meetings", ["advisor_id", "starts_at"])


def downgrade() -> None:
    op.drop_table("meetings")
    op.drop_table("company_assessments")
    op.drop_table("availability_overrides")
    op.drop_table("weekly_availability")
    op.drop_table("advisors")
