"""Per company, the time from which its signed links count: older ones were revoked.

Signed links (booking, report download, privacy export) are stored nowhere, so a revocation
cannot delete them; instead every service that checks such links keeps one row per company
that revoked its links, and refuses a token issued before that time
(`servicekit.signed_tokens.withdrawn`). The time only ever moves forward, so an older
revocation arriving late or replayed changes nothing.

The table holds only a random company id and a time: nothing that names or reaches a person.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from servicekit.db import dialect_insert


class LinkCutoffs:
    def __init__(self, table: Table) -> None:
        # The `link_cutoffs` table is declared and migrated by eventing (eventing.tables),
        # which builds on servicekit; so it is handed in here rather than imported.
        self._table = table

    def valid_from(self, db: Connection | Session, company_id: uuid.UUID) -> datetime | None:
        """When the company's links start to count; None if it never revoked any."""
        return db.execute(
            select(self._table.c.links_valid_from).where(self._table.c.company_id == company_id)
        ).scalar_one_or_none()

    def move_forward(
        self, db: Connection | Session, company_id: uuid.UUID, valid_from: datetime
    ) -> bool:
        """Revoke the company's links issued before `valid_from`; False if a revocation at
        that time or later is already recorded (nothing changes then)."""
        insert = dialect_insert(db, self._table)
        statement = (
            insert.values(company_id=company_id, links_valid_from=valid_from)
            .on_conflict_do_update(
                index_elements=[self._table.c.company_id],
                set_={"links_valid_from": insert.excluded.links_valid_from},
                # Written in one statement, so two revocations at once cannot both win.
                where=self._table.c.links_valid_from < insert.excluded.links_valid_from,
            )
            .returning(self._table.c.company_id)
        )
        return db.execute(statement).first() is not None

    def forget(self, db: Connection | Session, company_ids: list[uuid.UUID]) -> None:
        """The company is erased: its row goes with the rest of its data."""
        db.execute(self._table.delete().where(self._table.c.company_id.in_(company_ids)))
