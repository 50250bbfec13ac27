"""An advisor's active meetings never overlap, decided by the database.

The unique index on (advisor_id, starts_at) only stopped two meetings starting at the same
instant; meetings of different lengths or starts (the advisor changed the meeting length,
overlapping availability windows) could both pass the check before the insert when booked
at the same moment. PostgreSQL gets an exclusion constraint; SQLite, which has none, gets
triggers that raise inside the writing statement: SQLite lets one writer at a time, so
what the trigger sees cannot change before the row is written. Both supersede the index.

Revision ID: notifications_0005
Revises: notifications_0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notifications_0005"
down_revision = "notifications_0004"
branch_labels = None
depends_on = None

CONSTRAINT = "ex_meetings_active_advisor_time"
_ACTIVE = sa.text("status = 'booked'")
# What starts each SQLite trigger: a new meeting, or a change that can make one overlap.
_SQLITE_TRIGGERS = {
    f"{CONSTRAINT}_insert": "INSERT",
    f"{CONSTRAINT}_update": "UPDATE OF advisor_id, starts_at, ends_at, status",
}
# Times are stored as fixed-width UTC text, so text order is time order.
_RAISE_ON_OVERLAP = (
    "WHEN NEW.status = 'booked' BEGIN "
    "SELECT RAISE(ABORT, 'ex_meetings_active_advisor_time: the advisor has a meeting then') "
    "WHERE EXISTS (SELECT 1 FROM meetings WHERE advisor_id = NEW.advisor_id "
    "AND status = 'booked' AND id != NEW.id "
    "AND starts_at < NEW.ends_at AND ends_at > NEW.starts_at); END"
)


def upgrade() -> None:
    op.drop_index("uq_meetings_active_slot", table_name="meetings")
    if op.get_bind().dialect.name == "postgresql":
        # In `public`, not the first schema of the search path: an extension belongs to one
        # schema, and dropping that schema would take every constraint using it along.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public")
        op.execute(
            f"ALTER TABLE meetings ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
            "(advisor_id WITH =, tstzrange(starts_at, ends_at) WITH &&) "
            "WHERE (status = 'booked')"
        )
        return
    for name, event in _SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} BEFORE {event} ON meetings {_RAISE_ON_OVERLAP}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(CONSTRAINT, "meetings")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.create_index(
        "uq_meetings_active_slot",
        "meetings",
        ["advisor_id", "starts_at"],
        unique=True,
        sqlite_where=_ACTIVE,
        postgresql_where=_ACTIVE,
    )
