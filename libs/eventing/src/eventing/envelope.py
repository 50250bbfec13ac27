"""The envelope every Wegweiser event travels in, and how a producer makes a new one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, validate


@dataclass(frozen=True)
class Envelope:
    """One event: what happened (`event_type`, `version`, `data`) and where it belongs.

    `correlation_id` is the assessment id through the whole flow; `causation_id` is the
    `event_id` of the event that caused this one (None for events caused by a person).
    `data` holds Python values as the event's schema loads them (datetimes, UUIDs ...).
    """

    event_id: uuid.UUID
    event_type: str
    version: int
    occurred_at: datetime
    producer: str
    correlation_id: str
    causation_id: str | None
    data: dict[str, Any]


def new_envelope(
    event_type: str,
    version: int,
    data: dict[str, Any],
    *,
    producer: str,
    correlation_id: str,
    causation_id: str | None = None,
) -> Envelope:
    return Envelope(
        event_id=uuid.uuid4(),
        event_type=event_type,
        version=version,
        occurred_at=datetime.now(UTC),
        producer=producer,
        correlation_id=str(correlation_id),
        causation_id=None if causation_id is None else str(causation_id),
        data=data,
    )


class EnvelopeSchema(Schema):
    """Wire form of the envelope; `data` is checked separately against its own schema."""

    class Meta:
        unknown = EXCLUDE

    event_id = fields.UUID(required=True)
    event_type = fields.String(required=True, validate=validate.Length(min=1, max=100))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    producer = fields.String(required=True, validate=validate.Length(min=1, max=100))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    causation_id = fields.String(required=True, allow_none=True)
    data = fields.Dict(required=True, keys=fields.String())
