"""Erasing a company's reports: the rows, the PDF files, the benchmark entries.

Rendering happens outside any transaction, so an erasure taken by another member of the
consumer group can land while a report of the company is being rendered; `guarded` checks the
ledger before the render and again after the report was stored, and takes it back if the
erasure came in between.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from eventing.envelope import Envelope
from eventing.inbox import Outcome
from eventing.worker import Handler
from privacy import erasure_ledger, link_cutoffs
from privacy.erasure_ledger import ErasureRequest, event_subjects, forget_unsent_events
from reporting.adapters.file_store import FileReportStore, file_key
from reporting.adapters.tables import benchmark_scores, reports
from reporting.services.generate_report import report_id_for

SERVICE = "reporting"


class ReportErasure:
    def __init__(self, files: FileReportStore) -> None:
        self._files = files

    def erase(self, session: Session, request: ErasureRequest) -> list[uuid.UUID]:
        """Delete the company's reports and benchmark entries; returns their assessments."""
        ids = set(request.assessment_ids) | set(
            session.execute(
                select(reports.c.assessment_id).where(reports.c.company_id == request.company_id)
            ).scalars()
        )
        self.erase_assessments(session, ids)
        link_cutoffs.forget(session, [request.company_id])
        return sorted(ids)

    def erase_assessments(self, session: Session, assessment_ids: Iterable[uuid.UUID]) -> None:
        ids = list(assessment_ids)
        session.execute(reports.delete().where(reports.c.assessment_id.in_(ids)))
        session.execute(benchmark_scores.delete().where(benchmark_scores.c.assessment_id.in_(ids)))
        # Files before the commit: if it fails, the event is handled again and finds no file.
        for assessment_id in ids:
            pdf = self._files.path(file_key(assessment_id, report_id_for(assessment_id)))
            # file_key gives each assessment a folder of its own (also for half-written files).
            shutil.rmtree(pdf.parent, ignore_errors=True)

    def guarded(self, sessions: sessionmaker[Session], handle: Handler) -> Handler:
        """`handle` (the report generation) for events about data not erased."""

        def handler(event: Envelope) -> Outcome | None:
            subjects = event_subjects(event)
            with sessions() as session:
                if erasure_ledger.holds_any(session, subjects):
                    return None  # erased: nothing is rendered, nothing stored
            outcome = handle(event)
            with sessions.begin() as session:
                erasure_ledger.lock(session, subjects)
                if erasure_ledger.holds_any(session, subjects):  # erased while rendering
                    assessment_id = event.data["assessment_id"]
                    self.erase_assessments(session, [assessment_id])
                    forget_unsent_events(session, [assessment_id])
            return outcome

        return handler
