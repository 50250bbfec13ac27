"""Revoking a company's signed links: per company, the time from which its links count.

Signed links (booking, report download, privacy export) are stored nowhere, so a revocation
cannot delete them; instead every service that checks such links keeps one row per company
that revoked its links in its `link_cutoffs` table (eventing.tables), and refuses a token
issued before that time (`servicekit.signed_tokens.withdrawn`). The time only ever moves
forward, so an older revocation arriving late or replayed changes nothing.

Whoever takes the revocation (the assessment service when the company ends its resume link,
the notifications desk for an admin) moves its own cut-off and puts `company.links_revoked`
into its outbox, in one transaction; every service that checks signed links of the company
consumes it (`revocation_effect`) and refuses the older ones from then on.

The table holds only a random company id and a time: nothing that names or reaches a person.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Effect
from eventing.tables import link_cutoffs
from servicekit.db import dialect_insert

logger = logging.getLogger(__name__)

# What a service does besides refusing older links, once the cut-off moved (a new report
# link, new resume links); it runs in the consumer's transaction.
AfterRevocation = Callable[[Session, Envelope], None]


def valid_from(db: Connection | Session, company_id: uuid.UUID) -> datetime | None:
    """When the company's links start to count; None if it never revoked any."""
    return db.execute(
        select(link_cutoffs.c.links_valid_from).where(link_cutoffs.c.company_id == company_id)
    ).scalar_one_or_none()


def move_forward(
    db: Connection | Session, company_id: uuid.UUID, links_valid_from: datetime
) -> bool:
    """Revoke the company's links issued before `links_valid_from`; False if a revocation at
    that time or later is already recorded (nothing changes then)."""
    insert = dialect_insert(db, link_cutoffs)
    statement = (
        insert.values(company_id=company_id, links_valid_from=links_valid_from)
        .on_conflict_do_update(
            index_elements=[link_cutoffs.c.company_id],
            set_={"links_valid_from": insert.excluded.links_valid_from},
            # Written in one statement, so two revocations at once cannot both win.
            where=link_cutoffs.c.links_valid_from < insert.excluded.links_valid_from,
        )
        .returning(link_cutoffs.c.company_id)
    )
    return db.execute(statement).first() is not None


def forget(db: Connection | Session, company_ids: list[uuid.UUID]) -> None:
    """The company is erased: its row goes with the rest of its data."""
    db.execute(link_cutoffs.delete().where(link_cutoffs.c.company_id.in_(company_ids)))


def revoked_event(
    producer: str,
    company_id: uuid.UUID,
    assessment_ids: Iterable[uuid.UUID],
    revoked_by: str,
    links_valid_from: datetime,
) -> Envelope:
    data: dict[str, Any] = {
        "company_id": company_id,
        "assessment_ids": sorted(set(assessment_ids)),
        "links_valid_from": links_valid_from,
        "revoked_by": revoked_by,
    }
    return new_envelope(
        "company.links_revoked", 1, data, producer=producer, correlation_id=str(company_id)
    )


def revocation_effect(after: AfterRevocation | None = None) -> Effect:
    """The effect of `company.links_revoked`: move the company's cut-off forward, then
    `after`. An older revocation (late, replayed) moves nothing and runs nothing."""

    def effect(session: Session, event: Envelope) -> None:
        data = event.data
        if not move_forward(session, data["company_id"], data["links_valid_from"]):
            logger.info("links revocation %s is not newer than the one recorded", event.event_id)
            return
        if after is not None:
            after(session, event)

    return effect
