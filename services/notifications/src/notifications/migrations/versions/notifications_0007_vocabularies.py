"""The words of each ruleset (from `ruleset.published` and `assessment.scored`), and which
ruleset each assessment was scored with, so mails and the desk name classes, levels,
dimensions and districts as the ruleset does instead of keeping a copy.

Assessments recorded before have no ruleset version; they are shown with the newest
ruleset's words, as they were with the copied ones.

Revision ID: notifications_0007
Revises: notifications_0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0007"
down_revision = "notifications_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vocabularies",
        sa.Column("ruleset_version", sa.String(50), primary_key=True),
        sa.Column("vocabulary", sa.JSON(), nullable=False),
    )
    op.add_column("company_assessments", sa.Column("ruleset_version", sa.String(50)))


def downgrade() -> None:
    # Not a batch copy of the table: on SQLite that drops it, which the meetings' foreign
    # keys refuse; SQLite drops a plain column in place.
    op.drop_column("company_assessments", "ruleset_version")
    op.drop_table("vocabularies")
