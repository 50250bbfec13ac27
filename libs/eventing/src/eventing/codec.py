"""Envelope <-> bytes. Emits strictly, reads tolerantly.

`encode` refuses data its schema does not describe exactly (a producer bug must fail in the
producer's own transaction, not in every consumer). `decode` drops fields it does not know,
so producers may add fields within a version without breaking older consumers.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from marshmallow import Schema, ValidationError

from eventing.envelope import Envelope, EnvelopeSchema
from eventing.schemas import EVENTS, EventSpec, known_event_types

HEADER_EVENT_TYPE = "event_type"
HEADER_EVENT_VERSION = "event_version"
HEADER_EVENT_ID = "event_id"

_envelope_schema = EnvelopeSchema()


class EncodeError(ValueError):
    """The producer built an event its schema does not describe."""


class InvalidMessage(Exception):
    """A message that no retry can fix: not JSON, not an envelope, unknown version, bad data."""


class UnknownEventType(Exception):
    """An event type this system does not know at all (a newer producer); consumers skip it."""


def spec_for(event_type: str, version: int) -> EventSpec:
    try:
        return EVENTS[(event_type, version)]
    except KeyError:
        if event_type in known_event_types():
            raise InvalidMessage(f"unknown version {version} of {event_type}") from None
        raise UnknownEventType(event_type) from None


def encode(envelope: Envelope) -> bytes:
    try:
        spec = spec_for(envelope.event_type, envelope.version)
    except (InvalidMessage, UnknownEventType) as exc:
        raise EncodeError(f"cannot emit {envelope.event_type} v{envelope.version}") from exc
    schema = _schema(spec)
    try:
        wire_data = schema.dump(envelope.data)
        reloaded = schema.load(wire_data)
    except (ValidationError, TypeError, ValueError, AttributeError) as exc:
        raise EncodeError(f"{envelope.event_type} v{envelope.version}: {exc}") from exc
    if reloaded != envelope.data:
        raise EncodeError(
            f"{envelope.event_type} v{envelope.version}: data differs from its schema: "
            f"{_describe_difference(envelope.data, reloaded)}"
        )
    wire = _envelope_schema.dump(envelope)
    wire["data"] = wire_data
    return json.dumps(wire, ensure_ascii=False, separators=(",", ":")).encode()


def decode(raw: bytes | None) -> Envelope:
    if raw is None:
        raise InvalidMessage("empty message (tombstone)")
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InvalidMessage(f"not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise InvalidMessage("not a JSON object")
    try:
        head = _envelope_schema.load(document)
    except ValidationError as exc:
        raise InvalidMessage(f"bad envelope: {exc.messages}") from exc
    spec = spec_for(head["event_type"], head["version"])
    try:
        data = _schema(spec).load(head["data"])
    except ValidationError as exc:
        raise InvalidMessage(f"bad {spec.event_type} v{spec.version} data: {exc.messages}") from exc
    return Envelope(**{**head, "data": data})


@cache
def _schema(spec: EventSpec) -> Schema:
    # Building a schema instance costs more than using it; instances are stateless.
    return spec.schema()


def kafka_key(envelope: Envelope) -> bytes:
    """The aggregate id, so all events of one aggregate land on one partition in order."""
    spec = spec_for(envelope.event_type, envelope.version)
    return str(envelope.data[spec.key_field]).encode()


def kafka_headers(envelope: Envelope) -> list[tuple[str, bytes]]:
    return headers_for(envelope.event_type, envelope.version, envelope.event_id)


def headers_for(event_type: str, version: int, event_id: object) -> list[tuple[str, bytes]]:
    """Type, version and id in headers let tools route and dedupe without parsing the body."""
    return [
        (HEADER_EVENT_TYPE, event_type.encode()),
        (HEADER_EVENT_VERSION, str(version).encode()),
        (HEADER_EVENT_ID, str(event_id).encode()),
    ]


def _describe_difference(given: Any, reloaded: Any, path: str = "data") -> str:
    """Where the emitted data departs from its schema; names paths and types, never values,
    which may be personal data."""
    if isinstance(given, dict) and isinstance(reloaded, dict):
        unknown = sorted(set(given) - set(reloaded))
        if unknown:
            return "fields not in the schema: " + ", ".join(f"{path}.{key}" for key in unknown)
        for key in given:
            if given[key] != reloaded.get(key):
                return _describe_difference(given[key], reloaded.get(key), f"{path}.{key}")
    if isinstance(given, list) and isinstance(reloaded, list) and len(given) == len(reloaded):
        for index, (item, reloaded_item) in enumerate(zip(given, reloaded, strict=True)):
            if item != reloaded_item:
                return _describe_difference(item, reloaded_item, f"{path}[{index}]")
    return f"{path}: a {type(given).__name__} that the schema reads back differently"
