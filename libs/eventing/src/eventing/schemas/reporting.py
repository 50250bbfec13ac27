"""Events of the reporting service (topic `report-events`)."""

from __future__ import annotations

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema, bounded_text, language, web_url


class ReportGeneratedV1(EventSchema):
    report_id = fields.UUID(required=True)
    assessment_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    # A signed, expiring link to the PDF, served by the reporting service.
    download_url = web_url()
    sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=500))
    language = language()
    generated_at = fields.AwareDateTime(required=True)


class ReportFailedV1(EventSchema):
    """Rendering gave up for good; an advisor follows up by hand."""

    report_id = fields.UUID(required=True)
    assessment_id = fields.UUID(required=True)
    # Written for staff: no personal data, no stack traces.
    reason = bounded_text(500)
    attempts = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    failed_at = fields.AwareDateTime(required=True)
