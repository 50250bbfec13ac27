"""The `callback_requests` table: a company's open request, a new one, and an admin
marking one done."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from notifications.adapters.tables import callback_requests
from notifications.domain.meetings import Company


@dataclass(frozen=True)
class CallbackRequest:
    id: uuid.UUID
    phone: str | None
    preferred_time: str | None
    requested_at: datetime


def open_request(connection: Connection, company_id: uuid.UUID) -> CallbackRequest | None:
    row = connection.execute(
        select(callback_requests).where(
            callback_requests.c.company_id == company_id, callback_requests.c.done_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    return CallbackRequest(row.id, row.phone, row.preferred_time, row.requested_at)


def add_request(connection: Connection, company: Company, request: CallbackRequest) -> None:
    """Raises IntegrityError when the company has an open request already (a partial
    unique index: of two concurrent requests one is stored)."""
    connection.execute(
        insert(callback_requests).values(
            id=request.id,
            assessment_id=company.assessment_id,
            company_id=company.company_id,
            phone=request.phone,
            preferred_time=request.preferred_time,
            requested_at=request.requested_at,
        )
    )


def mark_done(
    connection: Connection, request_id: uuid.UUID, admin_id: uuid.UUID, now: datetime
) -> bool:
    """Close the open request; False when there is none with this id."""
    closed = connection.execute(
        update(callback_requests)
        .where(callback_requests.c.id == request_id, callback_requests.c.done_at.is_(None))
        .values(done_at=now, done_by=admin_id)
    )
    return closed.rowcount == 1
