"""What the notifications service holds about a company, found one way for the export and
for the erasure: the read model's rows (with their meetings and waiting reports, by
assessment id) and the mails to or about the company's contacts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from mailing.tables import mail_outbox
from notifications.adapters.tables import company_assessments


@dataclass(frozen=True)
class CompanyCopies:
    assessment_ids: list[uuid.UUID]
    contact_emails: set[str]

    def mails(self) -> Any:
        """Every mail of the company: those to its contact (report, meeting mails) and those
        the advisor got about it, which carry the contact as Reply-To."""
        return or_(
            mail_outbox.c.recipient.in_(self.contact_emails),
            mail_outbox.c.reply_to.in_(self.contact_emails),
        )


def find_copies(
    db: Connection | Session, company_id: uuid.UUID, assessment_ids: Iterable[uuid.UUID] = ()
) -> CompanyCopies:
    named = list(assessment_ids)
    rows = db.execute(
        select(company_assessments.c.assessment_id, company_assessments.c.contact_email).where(
            or_(
                company_assessments.c.company_id == company_id,
                company_assessments.c.assessment_id.in_(named),
            )
        )
    ).all()
    ids = sorted({*named, *(row.assessment_id for row in rows)})
    return CompanyCopies(ids, {row.contact_email for row in rows})
