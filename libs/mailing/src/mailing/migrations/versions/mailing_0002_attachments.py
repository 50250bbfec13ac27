"""Attachments of a mail (calendar invitations).

Revision ID: mailing_0002
Revises: mailing_0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mailing_0002"
down_revision = "mailing_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        batch.add_column(sa.Column("attachments", sa.JSON()))


def downgrade() -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        batch.drop_column("attachments")
