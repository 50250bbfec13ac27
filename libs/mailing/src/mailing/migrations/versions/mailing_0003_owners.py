"""The owner of each mail: company and assessment, or advisor (mailing.owner).

Existing rows get no owner here: only the service that queued them knows what their dedupe
keys name, so each service fills in what it can derive in a migration of its own. A row left
without an owner is in no export and no advisor's log.

Revision ID: mailing_0003
Revises: mailing_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mailing_0003"
down_revision = "mailing_0002"
branch_labels = None
depends_on = None

OWNERS = ("owner_company_id", "owner_assessment_id", "owner_advisor_id")


def upgrade() -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        for column in OWNERS:
            batch.add_column(sa.Column(column, sa.Uuid()))
    for column in OWNERS:
        op.create_index(f"ix_mail_outbox_{column}", "mail_outbox", [column])


def downgrade() -> None:
    for column in OWNERS:
        op.drop_index(f"ix_mail_outbox_{column}", table_name="mail_outbox")
    with op.batch_alter_table("mail_outbox") as batch:
        for column in OWNERS:
            batch.drop_column(column)
