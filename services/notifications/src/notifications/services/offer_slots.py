"""The free slots a company is offered: of its advisors, or of the meeting's advisor when it
moves a meeting (the company keeps its advisor). The booking page, the API and the
call-back request (offered only when there are none) ask here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from notifications.adapters.advisor_store import advisors_for, load_advisor
from notifications.adapters.booking_store import free_slots_of
from notifications.domain.meetings import Company, Meeting


@dataclass(frozen=True)
class OfferedSlot:
    advisor_id: uuid.UUID
    advisor_name: str
    starts_at: datetime
    ends_at: datetime
    timezone: str  # the advisor's: the zone the slot is shown in


def offered_slots(
    engine: Engine, company: Company, now: datetime, *, moving: Meeting | None = None
) -> list[OfferedSlot]:
    """Free slots for the company, earliest first."""
    with engine.connect() as connection:
        if moving is not None:
            advisor = load_advisor(connection, moving.advisor_id)
            assert advisor is not None, "a meeting's advisor is never deleted"
            advisors = [advisor]
        else:
            advisors = advisors_for(connection, company)
        offered = []
        for advisor in advisors:
            except_meeting = None if moving is None else moving.id
            for slot in free_slots_of(connection, advisor, now, except_meeting=except_meeting):
                offered.append(
                    OfferedSlot(
                        advisor.id, advisor.name, slot.starts_at, slot.ends_at, advisor.timezone
                    )
                )
    return sorted(offered, key=lambda slot: slot.starts_at)
