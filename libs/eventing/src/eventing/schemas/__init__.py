"""One marshmallow schema per (event type, version) for the `data` part of the envelope.

Schemas describe the wire contract; producers emit exactly what a schema describes (the
codec checks), consumers read tolerantly (unknown fields are dropped at every level).
"""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema

from eventing.schemas import assessment, meetings, privacy, reporting, ruleset


@dataclass(frozen=True)
class EventSpec:
    event_type: str
    version: int
    schema: type[Schema]
    # The data field holding the aggregate id; its value is the Kafka key.
    key_field: str


EVENTS: dict[tuple[str, int], EventSpec] = {
    (spec.event_type, spec.version): spec
    for spec in (
        EventSpec("assessment.submitted", 1, assessment.AssessmentSubmittedV1, "assessment_id"),
        EventSpec("assessment.scored", 1, assessment.AssessmentScoredV1, "assessment_id"),
        EventSpec("ruleset.published", 1, ruleset.RulesetPublishedV1, "ruleset_version"),
        EventSpec("report.generated", 1, reporting.ReportGeneratedV1, "assessment_id"),
        EventSpec("report.failed", 1, reporting.ReportFailedV1, "assessment_id"),
        EventSpec("advisor.assigned", 1, meetings.AdvisorAssignedV1, "assessment_id"),
        EventSpec("meeting.booked", 1, meetings.MeetingBookedV1, "assessment_id"),
        EventSpec("meeting.cancelled", 1, meetings.MeetingCancelledV1, "assessment_id"),
        EventSpec("meeting.rescheduled", 1, meetings.MeetingRescheduledV1, "assessment_id"),
        EventSpec("erasure.requested", 1, privacy.ErasureRequestedV1, "company_id"),
        EventSpec("erasure.completed", 1, privacy.ErasureCompletedV1, "company_id"),
        EventSpec("company.links_revoked", 1, privacy.LinksRevokedV1, "company_id"),
    )
}


def known_event_types() -> set[str]:
    return {event_type for event_type, _ in EVENTS}
