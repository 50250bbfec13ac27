"""The context items of an assessment (works council, hard-to-fill positions, customers'
ESG data requests, interest in the cluster's offers, target fields …) as `assessment.scored`
carries them, for the advisor's company page. Assessments recorded before have none.

Revision ID: notifications_0008
Revises: notifications_0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0008"
down_revision = "notifications_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("company_assessments", sa.Column("context_answers", sa.JSON()))


def downgrade() -> None:
    # A plain drop, not a batch copy: SQLite drops a column in place (see 0007).
    op.drop_column("company_assessments", "context_answers")
