"""The read model of scored assessments: what `assessment.scored` and `report.generated`
tell this service, kept for routing, the mails, the advisor desk and the booking page.

Tolerant reader: only the fields named here are taken from an event; whatever else the
assessment service adds to it is never stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from notifications.adapters.tables import company_assessments


def scored_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The columns an `assessment.scored` v1 event fills, picked field by field."""
    company, contact, scores = data["company"], data["contact"], data["scores"]
    return {
        "company_id": data["company_id"],
        "company_name": company["name"],
        "district": company["district"],
        "employees": company["employees"],
        "main_segment": company.get("main_segment"),
        "contact_name": contact["name"],
        "contact_email": contact["email"],
        "language": data["language"],
        "advisor_sharing": data["consents"]["advisor_sharing"],
        "assessment_class": scores["class"],
        "exposure": scores["exposure"]["score"],
        "exposure_level": scores["exposure"]["level"],
        "readiness": scores["readiness"]["score"],
        "readiness_level": scores["readiness"]["level"],
        "priority": scores["priority"]["score"],
        "priority_label": scores["priority"]["label"],
        "top_gaps": [
            {key: gap[key] for key in ("dimension", "score", "level", "text")}
            for gap in scores["top_gaps"]
        ],
        "context_answers": [
            {key: answer[key] for key in ("item_id", "question", "answer")}
            for answer in data["context_answers"]
        ]
        if "context_answers" in data
        else None,
        "scored_at": data["scored_at"],
        "ruleset_version": data["ruleset_version"],
    }


def record_scored(session: Session, assessment_id: uuid.UUID, values: Mapping[str, Any]) -> None:
    """Insert the assessment, or refresh it when it is known (a replayed event); an
    assignment and a report already recorded stay as they are."""
    if find(session, assessment_id) is None:
        session.execute(insert(company_assessments).values(assessment_id=assessment_id, **values))
    else:
        session.execute(
            update(company_assessments)
            .where(company_assessments.c.assessment_id == assessment_id)
            .values(**values)
        )


def record_report(
    session: Session, assessment_id: uuid.UUID, download_url: str, generated_at: datetime
) -> None:
    session.execute(
        update(company_assessments)
        .where(company_assessments.c.assessment_id == assessment_id)
        .values(report_url=download_url, report_generated_at=generated_at)
    )


def find(db: Session | Connection, assessment_id: uuid.UUID) -> Mapping[str, Any] | None:
    row = db.execute(
        select(company_assessments).where(company_assessments.c.assessment_id == assessment_id)
    ).first()
    return None if row is None else row._asdict()
