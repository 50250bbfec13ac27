"""What booking works with: the company a booking link opens, an advisor as booking sees
them, and a meeting with its status. Plain values; the adapters read them from the
database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from wording.languages import Language

MEETING_BOOKED, MEETING_CANCELLED = "booked", "cancelled"


@dataclass(frozen=True)
class Company:
    """The scored assessment a booking token opens (from the read model)."""

    assessment_id: uuid.UUID
    company_id: uuid.UUID
    company_name: str
    district: str
    contact_name: str
    contact_email: str
    language: Language  # the one it took the check in
    advisor_id: uuid.UUID | None  # the assigned advisor, once routing has chosen one
    # Booking links issued before this time were revoked (None: the company never did).
    links_valid_from: datetime | None


@dataclass(frozen=True)
class Advisor:
    id: uuid.UUID
    name: str
    email: str
    timezone: str
    meeting_minutes: int
    buffer_minutes: int


@dataclass(frozen=True)
class Meeting:
    id: uuid.UUID
    assessment_id: uuid.UUID
    advisor_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: str
    sequence: int
    idempotency_key: str | None
    created_at: datetime
    cancelled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status == MEETING_BOOKED
