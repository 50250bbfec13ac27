"""Assigning an advisor to a scored assessment and telling the other services about it.

The assignment, the advisor's `last_assigned_at` (routing's round robin) and the
`advisor.assigned` event are written in the caller's transaction: the outbox relay
publishes the event only if the assignment was stored, and always if it was.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, update
from sqlalchemy.orm import Session

from eventing.envelope import new_envelope
from eventing.outbox import add_to_outbox
from notifications.adapters import advisor_store
from notifications.adapters.booking_store import free_slots_of
from notifications.adapters.tables import company_assessments
from notifications.domain.routing import Advisor, choose_advisor

logger = logging.getLogger(__name__)

PRODUCER = "notifications"
MANUAL = "manual"  # an admin chose the advisor in the desk


def assign_by_routing(
    session: Session, assessment: Mapping[str, Any], now: datetime, causation_id: str | None
) -> uuid.UUID | None:
    """Route the assessment to an advisor; None (and a warning) when nobody can take it."""
    rows = advisor_store.active_for_routing(session)
    connection = session.connection()
    team = [
        Advisor(
            id=row.id,
            districts=frozenset(row.districts),
            topics=frozenset(row.topics),
            active=row.active,
            last_assigned_at=row.last_assigned_at,
            # The slots the company would be offered, had it this advisor.
            has_free_slots=bool(free_slots_of(connection, advisor_store.as_advisor(row), now)),
        )
        for row in rows
    ]
    gaps = [gap["dimension"] for gap in assessment["top_gaps"]]
    chosen = choose_advisor(team, assessment["district"], gaps)
    if chosen is None:
        logger.warning("no active advisor to assign assessment %s to", assessment["assessment_id"])
        return None
    record_assignment(session, assessment, chosen.advisor_id, chosen.reason, now, causation_id)
    return chosen.advisor_id


def record_assignment(
    session: Session | Connection,
    assessment: Mapping[str, Any],
    advisor_id: uuid.UUID,
    reason: str,
    now: datetime,
    causation_id: str | None,
) -> None:
    """Store who looks after the company and queue `advisor.assigned` for the relay."""
    advisor_name = advisor_store.mark_assigned(session, advisor_id, now)
    assessment_id = assessment["assessment_id"]
    session.execute(
        update(company_assessments)
        .where(company_assessments.c.assessment_id == assessment_id)
        .values(advisor_id=advisor_id, assigned_at=now)
    )
    event = new_envelope(
        "advisor.assigned",
        1,
        {
            "assessment_id": assessment_id,
            "company_id": assessment["company_id"],
            "advisor_id": advisor_id,
            "advisor_name": advisor_name,
            "assigned_at": now,
            "reason": reason,
        },
        producer=PRODUCER,
        correlation_id=str(assessment_id),
        causation_id=causation_id,
    )
    add_to_outbox(session, event)
    logger.info("assessment %s assigned to advisor %s (%s)", assessment_id, advisor_id, reason)
