"""Reports whose assessment has not arrived yet (`reports_awaiting_assessment`): the report
and its assessment come on different topics, so the report can be first. One waits per
assessment; a newer report replaces an older one still waiting."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from notifications.adapters.report_mails import Report
from notifications.adapters.tables import reports_awaiting_assessment as awaiting


def keep(session: Session, assessment_id: uuid.UUID, report: Report) -> None:
    session.execute(delete(awaiting).where(awaiting.c.assessment_id == assessment_id))
    session.execute(
        insert(awaiting).values(
            assessment_id=assessment_id,
            report_id=report.report_id,
            download_url=report.download_url,
            generated_at=report.generated_at,
        )
    )


def take(session: Session, assessment_id: uuid.UUID) -> Report | None:
    """The report waiting for this assessment, no longer waiting; None if there is none."""
    row = session.execute(select(awaiting).where(awaiting.c.assessment_id == assessment_id)).first()
    if row is None:
        return None
    session.execute(delete(awaiting).where(awaiting.c.assessment_id == assessment_id))
    return Report(row.report_id, row.download_url, row.generated_at)
