"""What the notifications service holds about a company, found one way for the export and
for the erasure: the read model's rows (with their meetings and waiting reports, by
assessment id). Its mails are found by their owner (mailing.owner), never by its address."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from notifications.adapters.tables import company_assessments


@dataclass(frozen=True)
class CompanyCopies:
    assessment_ids: list[uuid.UUID]


def find_copies(
    db: Connection | Session, company_id: uuid.UUID, assessment_ids: Iterable[uuid.UUID] = ()
) -> CompanyCopies:
    named = list(assessment_ids)
    found = db.execute(
        select(company_assessments.c.assessment_id).where(
            or_(
                company_assessments.c.company_id == company_id,
                company_assessments.c.assessment_id.in_(named),
            )
        )
    ).scalars()
    return CompanyCopies(sorted({*named, *found}))
