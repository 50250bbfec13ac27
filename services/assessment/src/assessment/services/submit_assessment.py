"""Submitting an assessment: score it, keep the result and write both events, all in one
transaction, so a result never exists without its events nor events without a result."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, update

from assessment.adapters.assessment_store import AssessmentRecord, load_record
from assessment.adapters.result_document import result_document
from assessment.adapters.scored_event import scored_event_data, submitted_event_data
from assessment.adapters.tables import STATUS_DRAFT, STATUS_SUBMITTED, assessments
from assessment.domain import CompanyProfile, load_version, score
from eventing.envelope import new_envelope
from eventing.outbox import add_to_outbox, outbox_entry
from eventing.schemas.assessment import AssessmentScoredV1
from wording.cluster_time import CLUSTER_ZONE

PRODUCER = "assessment"
_SCORED_SCHEMA = AssessmentScoredV1()  # one instance: building a schema costs more than a dump
# Funding deadlines and event dates are days in Bavaria, not in UTC.


@dataclass(frozen=True)
class Submitted:
    result: dict[str, Any]
    first_time: bool  # False: it was submitted before, nothing new was written


def submit(engine: Engine, assessment_id: uuid.UUID, now: datetime) -> Submitted:
    """Score and store the assessment; raises InvalidAnswers when it cannot be scored."""
    with engine.begin() as connection:
        record = load_record(connection, assessment_id, for_update=True)
        if record is None:
            raise LookupError(assessment_id)
        if record.status != STATUS_DRAFT:
            return Submitted(result=_stored_result(record), first_time=False)
        submitted, scored = _events(record, now)
        result = result_document(_SCORED_SCHEMA.dump(scored.data))
        # Encoded before the first write, which on SQLite takes the whole database's lock.
        entries = [outbox_entry(submitted), outbox_entry(scored)]
        changed = connection.execute(
            update(assessments)
            .where(assessments.c.id == assessment_id, assessments.c.status == STATUS_DRAFT)
            .values(
                status=STATUS_SUBMITTED,
                result=result,
                ruleset_version=result["ruleset_version"],
                submitted_at=now,
                updated_at=now,
            )
        )
        if changed.rowcount == 1:
            for entry in entries:
                add_to_outbox(connection, entry)
            return Submitted(result=result, first_time=True)
    # Another request submitted it between our read and our write; its result stands.
    with engine.connect() as connection:
        stored = load_record(connection, assessment_id)
    assert stored is not None
    return Submitted(result=_stored_result(stored), first_time=False)


def _events(record: AssessmentRecord, now: datetime) -> tuple[Any, Any]:
    questionnaire, ruleset = load_version(record.questionnaire_version)
    applicant = record.applicant
    card = score(
        record.answers,
        questionnaire,
        ruleset,
        today=now.astimezone(CLUSTER_ZONE).date(),
        company=CompanyProfile(applicant.employees, applicant.district, applicant.revenue_band),
    )
    submitted = new_envelope(
        "assessment.submitted",
        1,
        submitted_event_data(record, now),
        producer=PRODUCER,
        correlation_id=str(record.id),
    )
    scored = new_envelope(
        "assessment.scored",
        1,
        scored_event_data(record, card, now, questionnaire, ruleset),
        producer=PRODUCER,
        correlation_id=str(record.id),
        causation_id=str(submitted.event_id),
    )
    return submitted, scored


def _stored_result(record: AssessmentRecord) -> dict[str, Any]:
    assert record.result is not None, "a submitted assessment always has its result"
    return record.result
