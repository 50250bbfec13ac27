"""`report.generated`: keep the report's link and queue its two mails, in the consumer's
inbox transaction, so each report mails each recipient once.

The report and its assessment come on different topics, so the report can arrive first
(e.g. while this worker catches up on a backlog). It then waits in
`reports_awaiting_assessment` until `assessment.scored` brings the company, and the mails
are queued then: no event has to wait or be dead-lettered for the other one.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from eventing.envelope import Envelope
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from notifications.adapters import (
    advisor_store,
    awaiting_reports,
    company_assessments,
    vocabularies,
)
from notifications.adapters.mail_links import MailLinks
from notifications.adapters.report_mails import Report, advisor_mail, company_mail

logger = logging.getLogger(__name__)


def report_generated(links: MailLinks, session: Session, event: Envelope) -> None:
    data = event.data
    report = Report(data["report_id"], data["download_url"], data["generated_at"])
    assessment = company_assessments.find(session, data["assessment_id"])
    if assessment is None:
        logger.info("report %s waits for its assessment.scored", report.report_id)
        awaiting_reports.keep(session, data["assessment_id"], report)
        return
    deliver_report(session, links, assessment, report)


def deliver_awaiting_report(
    session: Session, links: MailLinks, assessment: Mapping[str, Any]
) -> None:
    """Called once the assessment is known: deliver a report that came before it."""
    report = awaiting_reports.take(session, assessment["assessment_id"])
    if report is not None:
        deliver_report(session, links, assessment, report)


def deliver_report(
    session: Session, links: MailLinks, assessment: Mapping[str, Any], report: Report
) -> None:
    """Store the report link and queue the mails to the advisor (if one is assigned) and
    to the company's contact."""
    assessment_id: uuid.UUID = assessment["assessment_id"]
    company_id: uuid.UUID = assessment["company_id"]
    now = datetime.now(UTC)
    words = vocabularies.of_ruleset(session, assessment["ruleset_version"])
    company_assessments.record_report(
        session, assessment_id, report.download_url, report.generated_at
    )
    advisor = None
    if assessment["advisor_id"] is not None:
        advisor = advisor_store.contact(session, assessment["advisor_id"])
        queue_mail(
            session,
            advisor_mail(
                report, assessment, words, advisor._asdict(), links.desk_url(assessment_id)
            ),
            now,
            owner=MailOwner.advisor(advisor.id, company_id, assessment_id),
        )
    company_links = links.company_links(assessment_id, now)
    advisor_name = None if advisor is None else advisor.name
    # An address no mail header can carry is recorded as a failed mail: no retry could send
    # it, and the advisor's mail is not held back for it.
    queue_mail(
        session,
        company_mail(report, assessment, words, company_links, advisor_name),
        now,
        owner=MailOwner.company(company_id, assessment_id),
    )
