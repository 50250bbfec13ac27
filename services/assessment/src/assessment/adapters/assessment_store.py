"""Reading and writing assessments with SQLAlchemy Core; the token never reaches the database."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, select, update
from sqlalchemy.orm import Session

from assessment.adapters.tables import STATUS_DRAFT, assessments, companies
from assessment.adapters.tokens import token_matches
from assessment.domain import ids
from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner


@dataclass(frozen=True)
class Applicant:
    """What a company gives to start: its profile, its contact, its consents."""

    company_name: str
    employees: str
    revenue_band: str | None
    district: str
    contact_name: str
    contact_email: str
    language: str
    consent_advisor_sharing: bool
    consent_benchmarking: bool


@dataclass(frozen=True)
class NewAssessment:
    id: uuid.UUID
    company_id: uuid.UUID
    applicant: Applicant
    consent_text_version: str
    token_hash: str
    token_expires_at: datetime
    questionnaire_version: str
    ruleset_version: str
    created_at: datetime


@dataclass(frozen=True)
class AssessmentRecord:
    id: uuid.UUID
    company_id: uuid.UUID
    applicant: Applicant  # as given at the start; a later change of the company rewrites nothing
    status: str
    answers: dict[str, Any]
    questionnaire_version: str
    ruleset_version: str
    result: dict[str, Any] | None
    token_hash: str
    token_expires_at: datetime


_APPLICANT_FIELDS = tuple(field.name for field in fields(Applicant))


def profile_answers(applicant: Applicant) -> dict[str, Any]:
    """The profile as answers to the questionnaire's `company.*` items."""
    return {
        "company.name": applicant.company_name,
        ids.EMPLOYEES: applicant.employees,
        ids.REVENUE_BAND: applicant.revenue_band,
        ids.DISTRICT: applicant.district,
        "company.contact_name": applicant.contact_name,
        "company.contact_email": applicant.contact_email,
        "company.consent_processing": True,  # nobody gets a draft without it
        "company.consent_advisor_sharing": applicant.consent_advisor_sharing,
        "company.consent_benchmarking": applicant.consent_benchmarking,
    }


class SqlAssessmentStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, new: NewAssessment, *, mail: Mail | None = None) -> None:
        """Store the new assessment and queue `mail` (the resume link) with it, atomically."""
        with self._engine.begin() as connection:
            connection.execute(
                insert(companies).values(
                    id=new.company_id, name=new.applicant.company_name, created_at=new.created_at
                )
            )
            profile = {k: v for k, v in asdict(new.applicant).items() if k != "company_name"}
            connection.execute(
                insert(assessments).values(
                    **profile,
                    id=new.id,
                    company_id=new.company_id,
                    # Nobody gets this far without it: the API refuses a start without it.
                    consent_processing=True,
                    consent_text_version=new.consent_text_version,
                    consented_at=new.created_at,
                    token_hash=new.token_hash,
                    token_expires_at=new.token_expires_at,
                    status=STATUS_DRAFT,
                    answers={},
                    questionnaire_version=new.questionnaire_version,
                    ruleset_version=new.ruleset_version,
                    created_at=new.created_at,
                    updated_at=new.created_at,
                )
            )
            if mail is not None:
                owner = MailOwner.company(new.company_id, new.id)
                queue_mail(connection, mail, new.created_at, owner=owner)

    def find_for_token(
        self, assessment_id: uuid.UUID, token: str, now: datetime
    ) -> AssessmentRecord | None:
        """The assessment if the token opens it and has not expired; None tells nothing more."""
        with self._engine.connect() as connection:
            record = load_record(connection, assessment_id)
        if record is None or not token_matches(token, record.token_hash):
            return None
        return record if now < record.token_expires_at else None

    def merge_answers(
        self, assessment_id: uuid.UUID, answers: Mapping[str, Any], now: datetime
    ) -> dict[str, Any] | None:
        """Add or replace the given answers of a draft and return them all; None once it
        was submitted (its answers are final)."""
        with self._engine.begin() as connection:
            record = load_record(connection, assessment_id, for_update=True)
            if record is None or record.status != STATUS_DRAFT:
                return None
            merged = {**record.answers, **answers}
            changed = connection.execute(
                update(assessments)
                .where(assessments.c.id == assessment_id, assessments.c.status == STATUS_DRAFT)
                .values(answers=merged, updated_at=now)
            )
            return merged if changed.rowcount == 1 else None

    def move_to_version(
        self,
        assessment_id: uuid.UUID,
        version: str,
        keep: Callable[[Mapping[str, Any]], dict[str, Any]],
        now: datetime,
    ) -> dict[str, Any] | None:
        """Move a draft to another questionnaire and ruleset version, keeping the answers
        `keep` chooses from those stored at that moment, and return them; None once it was
        submitted."""
        with self._engine.begin() as connection:
            record = load_record(connection, assessment_id, for_update=True)
            if record is None or record.status != STATUS_DRAFT:
                return None
            kept = keep(record.answers)
            changed = connection.execute(
                update(assessments)
                .where(assessments.c.id == assessment_id, assessments.c.status == STATUS_DRAFT)
                .values(
                    answers=kept,
                    questionnaire_version=version,
                    ruleset_version=version,
                    updated_at=now,
                )
            )
            return kept if changed.rowcount == 1 else None


def load_record(
    connection: Connection | Session, assessment_id: uuid.UUID, *, for_update: bool = False
) -> AssessmentRecord | None:
    query = (
        select(assessments, companies.c.name.label("company_name"))
        .join(companies, companies.c.id == assessments.c.company_id)
        .where(assessments.c.id == assessment_id)
    )
    if for_update:
        # PostgreSQL: concurrent writers of one assessment queue here instead of racing.
        query = query.with_for_update(of=assessments)
    row = connection.execute(query).one_or_none()
    return None if row is None else _record(row)


def _record(row: Row) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        company_id=row.company_id,
        applicant=Applicant(**{name: row._mapping[name] for name in _APPLICANT_FIELDS}),
        status=row.status,
        answers=dict(row.answers),
        questionnaire_version=row.questionnaire_version,
        ruleset_version=row.ruleset_version,
        result=row.result,
        token_hash=row.token_hash,
        token_expires_at=row.token_expires_at,
    )
