"""`assessment.scored`: keep the company's result, route it to an advisor when the company
agreed to share it with one, and deliver a report that arrived before it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from eventing.envelope import Envelope
from notifications.adapters import company_assessments, vocabularies
from notifications.adapters.mail_links import MailLinks
from notifications.services.assign_advisor import assign_by_routing
from notifications.services.send_report_mails import deliver_awaiting_report


def record_scored_assessment(links: MailLinks, session: Session, event: Envelope) -> None:
    data = event.data
    assessment_id = data["assessment_id"]
    # Producers from before the vocabulary was added to v1 send none: the assessment is then
    # named in the words already kept for its ruleset, or in ids.
    if data.get("vocabulary"):
        vocabularies.record(session, data["ruleset_version"], data["vocabulary"])
    company_assessments.record_scored(
        session, assessment_id, company_assessments.scored_values(data)
    )
    assessment = company_assessments.find(session, assessment_id)
    assert assessment is not None  # recorded just above
    # Without consent no advisor is told about the company; it can still book a meeting
    # with any advisor of its district through its booking link.
    if assessment["advisor_sharing"] and assessment["advisor_id"] is None:
        now = datetime.now(UTC)
        if assign_by_routing(session, assessment, now, str(event.event_id)) is not None:
            assessment = company_assessments.find(session, assessment_id)
            assert assessment is not None
    deliver_awaiting_report(session, links, assessment)
