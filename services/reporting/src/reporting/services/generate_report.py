"""From a scored assessment to a stored PDF and its event: the consumer's one use case.

Rendering runs outside any database transaction (it takes a while); then one transaction
records the event in the inbox, stores the report row and the benchmark entry, and puts
`report.generated` (or `report.failed`) in the outbox. A redelivered event finds its inbox
row; another event about an assessment that already has its report finds the report; a
crash before the commit renders again and overwrites the same file.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Outcome, apply_once
from eventing.outbox import add_to_outbox
from reporting.adapters.benchmark_store import add_to_benchmark, peer_benchmark
from reporting.adapters.document_html import report_translations
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.metrics import REPORTS
from reporting.adapters.tables import STATUS_FAILED, STATUS_GENERATED, reports
from reporting.domain.benchmark import Benchmark
from reporting.domain.documents import REPORT, RenderRequest
from reporting.domain.report import build_report
from reporting.services.render_document import RenderDocument, Rendered
from servicekit.booking_links import BookingLinks
from wording.cluster_time import CLUSTER_ZONE

CONSUMER = "reporting"
PRODUCER = "reporting"


def report_id_for(assessment_id: uuid.UUID) -> uuid.UUID:
    """One assessment, one report id (and one file key), however often it is rendered."""
    return REPORT.document_id(assessment_id)


def report_request(
    scored: Mapping[str, Any], benchmark: Benchmark, booking_url: str
) -> RenderRequest:
    """The report of a scored assessment, dated by the day of scoring in Bavaria, in the
    assessment's language."""
    report = build_report(
        scored,
        benchmark,
        scored_on=scored["scored_at"].astimezone(CLUSTER_ZONE).date(),
        booking_url=booking_url,
        translations=report_translations(scored["language"]),
    )
    return RenderRequest(REPORT, scored["assessment_id"], report.language, report)


class ReportGeneration:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        render: RenderDocument,
        links: DownloadLinks,
        *,
        booking_links: BookingLinks,
    ) -> None:
        self._sessions = sessions
        self._render_document = render
        self._links = links
        self._booking_links = booking_links

    def handle(self, event: Envelope) -> Outcome:
        scored = event.data
        # A repeat about a finished report only records the event; nothing is rendered.
        rendered = None if self._has_report(scored["assessment_id"]) else self._render(scored)
        outcome = apply_once(self._sessions, CONSUMER, lambda s, e: self._record(s, e, rendered))(
            event
        )
        if rendered is not None and outcome is Outcome.PROCESSED:
            REPORTS.labels(STATUS_GENERATED if rendered.pdf is not None else STATUS_FAILED).inc()
        return outcome

    def _has_report(self, assessment_id: uuid.UUID) -> bool:
        with self._sessions() as session:
            return _generated_report(session, assessment_id) is not None

    def _render(self, scored: Mapping[str, Any]) -> Rendered:
        with self._sessions() as session:
            benchmark = peer_benchmark(session, scored)
        # The booking link is issued at the scoring, so a re-render writes the same link.
        booking_url = self._booking_links.url(scored["assessment_id"], scored["scored_at"])
        return self._render_document(report_request(scored, benchmark, booking_url))

    def _record(self, session: Session, event: Envelope, rendered: Rendered | None) -> None:
        scored = event.data
        assessment_id = scored["assessment_id"]
        if rendered is None or _generated_report(session, assessment_id) is not None:
            return
        now = datetime.now(UTC)
        report_id = rendered.document_id
        row: dict[str, Any] = {
            "id": report_id,
            "assessment_id": assessment_id,
            "company_id": scored["company_id"],
            "language": scored["language"],
            "attempts": rendered.attempts,
            "created_at": now,
        }
        if rendered.pdf is not None:
            sha256 = hashlib.sha256(rendered.pdf.content).hexdigest()
            row |= {
                "status": STATUS_GENERATED,
                "file_key": rendered.file_key,
                "sha256": sha256,
                "pages": rendered.pdf.pages,
                "failure": None,
            }
            outgoing = _caused_by(event, "report.generated", generated_data(self._links, row, now))
        else:
            reason = f"PDF rendering failed {rendered.attempts} times; last: {rendered.failure}"
            row |= {"status": STATUS_FAILED, "failure": reason[:500]}
            outgoing = self._failed_event(event, report_id, reason[:500], rendered.attempts, now)
        _save_report(session, row)
        add_to_benchmark(session, scored)
        add_to_outbox(session, outgoing)

    def _failed_event(
        self, cause: Envelope, report_id: uuid.UUID, reason: str, attempts: int, now: datetime
    ) -> Envelope:
        data = {
            "report_id": report_id,
            "assessment_id": cause.data["assessment_id"],
            "reason": reason,
            "attempts": attempts,
            "failed_at": now,
        }
        return _caused_by(cause, "report.failed", data)


def generated_data(
    links: DownloadLinks, report: Mapping[str, Any], now: datetime
) -> dict[str, Any]:
    """The data of `report.generated` for a generated report (a row of `reports`), with a
    download link issued now."""
    return {
        "report_id": report["id"],
        "assessment_id": report["assessment_id"],
        "company_id": report["company_id"],
        "download_url": links.url(report["id"], now),
        "sha256": report["sha256"],
        "pages": report["pages"],
        "language": report["language"],
        "generated_at": report["created_at"],
    }


def _caused_by(cause: Envelope, event_type: str, data: dict[str, Any]) -> Envelope:
    return new_envelope(
        event_type,
        1,
        data,
        producer=PRODUCER,
        correlation_id=cause.correlation_id,
        causation_id=str(cause.event_id),
    )


def _generated_report(session: Session, assessment_id: uuid.UUID) -> Any:
    return session.execute(
        select(reports.c.id).where(
            reports.c.assessment_id == assessment_id, reports.c.status == STATUS_GENERATED
        )
    ).first()


def _save_report(session: Session, row: dict[str, Any]) -> None:
    """Insert, or replace an earlier failure: a later event may succeed where one failed."""
    exists = session.execute(select(reports.c.id).where(reports.c.id == row["id"])).first()
    if exists is None:
        session.execute(insert(reports).values(row))
    else:
        session.execute(update(reports).where(reports.c.id == row["id"]).values(row))
