"""Marshmallow schemas of the booking API: request bodies load strictly (unknown fields are
refused, so nobody sets a status, a sequence or a company by adding a field), responses
document the shapes for OpenAPI."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class BookMeetingSchema(Schema):
    advisor_id = fields.UUID(required=True)
    # With an offset (Z or +01:00): a time without a zone is exactly the ambiguity to avoid.
    start = fields.AwareDateTime(required=True)


class RescheduleSchema(Schema):
    start = fields.AwareDateTime(required=True)


class CallbackRequestBodySchema(Schema):
    phone = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "Digits (at least 6), spaces and + ( ) / . -; optional."},
    )
    preferred_time = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "When to call, one line of free text; optional."},
    )


class CallbackRequestSchema(Schema):
    id = fields.UUID(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["open"]))
    phone = fields.String(required=True, allow_none=True)
    preferred_time = fields.String(required=True, allow_none=True)
    requested_at = fields.AwareDateTime(required=True)


class SlotSchema(Schema):
    advisor_id = fields.UUID(required=True)
    start = fields.AwareDateTime(required=True)
    end = fields.AwareDateTime(required=True)


class MeetingSchema(Schema):
    id = fields.UUID(required=True)
    advisor_id = fields.UUID(required=True)
    advisor_name = fields.String(required=True)
    start = fields.AwareDateTime(required=True)
    end = fields.AwareDateTime(required=True)
    timezone = fields.String(required=True, metadata={"example": "Europe/Berlin"})
    status = fields.String(required=True, validate=validate.OneOf(["booked", "cancelled"]))
    sequence = fields.Integer(
        required=True, metadata={"description": "Grows with every change (the ICS SEQUENCE)."}
    )
    ics_url = fields.Url(required=True, metadata={"description": "The calendar invitation."})
