"""A company revoked its links (`company.links_revoked`): download and export links issued
before then answer 403 here, and each of its reports gets a new download link.

The new link goes out as `report.generated` again (same report, same file, a link issued
now), so the result page and the advisor desk show a link that works; the mails on it are
keyed by report and recipient, so nobody is mailed twice.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Effect
from eventing.outbox import add_to_outbox
from privacy.link_cutoffs import revocation_effect
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.tables import STATUS_GENERATED, reports
from reporting.services.generate_report import PRODUCER, generated_data


def links_revoked(links: DownloadLinks) -> Effect:
    def new_download_links(session: Session, event: Envelope) -> None:
        now = datetime.now(UTC)
        generated = session.execute(
            select(reports).where(
                reports.c.company_id == event.data["company_id"],
                reports.c.status == STATUS_GENERATED,
            )
        ).all()
        for report in generated:
            data = generated_data(links, report._asdict(), now)
            add_to_outbox(
                session,
                new_envelope(
                    "report.generated",
                    1,
                    data,
                    producer=PRODUCER,
                    correlation_id=str(report.assessment_id),
                    causation_id=str(event.event_id),
                ),
            )

    return revocation_effect(new_download_links)
