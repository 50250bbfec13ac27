"""Privacy events (topic `privacy-events`), keyed by `company_id`.

Erasure: the assessment service requests an erasure; every service that holds copies
(including assessment itself) reports when it has deleted or anonymised them.

Revocation: the company (ending its resume link) or an admin at the desk withdraws every
signed link of the company issued so far; each service that checks such links refuses
older ones from then on.
"""

from __future__ import annotations

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema, choice

REQUESTED_BY = ("company", "admin")  # also who revoked a company's links
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


class LinksRevokedV1(EventSchema):
    company_id = fields.UUID(required=True)
    # Every assessment of the company, for consumers that key their copies by assessment.
    assessment_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(max=1000))
    # Signed links (booking, report download, privacy export) issued before this time no
    # longer open anything; a consumer never moves its stored time backwards.
    links_valid_from = fields.AwareDateTime(required=True)
    revoked_by = choice(REQUESTED_BY)
