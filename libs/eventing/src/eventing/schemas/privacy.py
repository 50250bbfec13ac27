"""Erasure events (topic `privacy-events`), keyed by `company_id`.

The assessment service requests an erasure; every service that holds copies (including
assessment itself) reports when it has deleted or anonymised them.
"""

from __future__ import annotations

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema, choice

REQUESTED_BY = ("company", "admin")
ERASING_SERVICES = ("assessment", "reporting", "notifications")


class ErasureRequestedV1(EventSchema):
    erasure_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    # Every assessment of the company, so consumers that key by assessment find their copies.
    assessment_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(max=1000))
    requested_at = fields.AwareDateTime(required=True)
    requested_by = choice(REQUESTED_BY)


class ErasureCompletedV1(EventSchema):
    erasure_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    service = choice(ERASING_SERVICES)
    completed_at = fields.AwareDateTime(required=True)
