"""Events of the notifications service about advisors and meetings (topic `meeting-events`).

All are keyed by `assessment_id`, so they stay in order with the assessment's other events.
`sequence` grows with every change of one meeting (it is also the ICS SEQUENCE), so a
consumer can ignore a change older than what it has already applied.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from eventing.schemas.base import EventSchema, bounded_text, choice

ASSIGNMENT_REASONS = (
    "district_match",
    "topic_match",
    "district_and_topic_match",
    "workload_fallback",
    "manual",
)
CANCELLED_BY = ("company", "advisor", "admin")
# An IANA zone name such as Europe/Berlin; checked by shape so that reading an event
# does not depend on the reader's tz database.
_ZONE_NAME = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"


def _sequence() -> fields.Integer:
    return fields.Integer(required=True, strict=True, validate=validate.Range(min=0))


def _ends_after_start(data: dict[str, Any]) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise ValidationError("ends_at must be after starts_at.", "ends_at")


class AdvisorAssignedV1(EventSchema):
    assessment_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    advisor_id = fields.UUID(required=True)
    advisor_name = bounded_text(200)
    assigned_at = fields.AwareDateTime(required=True)
    reason = choice(ASSIGNMENT_REASONS)


class MeetingBookedV1(EventSchema):
    meeting_id = fields.UUID(required=True)
    assessment_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    advisor_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    # The zone the meeting is shown in; starts_at/ends_at are instants.
    timezone = fields.String(
        required=True, validate=[validate.Length(min=1, max=64), validate.Regexp(_ZONE_NAME)]
    )
    booked_at = fields.AwareDateTime(required=True)
    sequence = _sequence()

    @validates_schema
    def _check_times(self, data: dict[str, Any], **kwargs: Any) -> None:
        _ends_after_start(data)


class MeetingCancelledV1(EventSchema):
    meeting_id = fields.UUID(required=True)
    assessment_id = fields.UUID(required=True)
    cancelled_at = fields.AwareDateTime(required=True)
    cancelled_by = choice(CANCELLED_BY)
    sequence = _sequence()


class MeetingRescheduledV1(EventSchema):
    meeting_id = fields.UUID(required=True)
    assessment_id = fields.UUID(required=True)
    previous_starts_at = fields.AwareDateTime(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    rescheduled_at = fields.AwareDateTime(required=True)
    sequence = _sequence()

    @validates_schema
    def _check_times(self, data: dict[str, Any], **kwargs: Any) -> None:
        _ends_after_start(data)
