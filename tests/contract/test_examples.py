"""The example messages are the wire contract: producers emit them, consumers read them."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import datetime
from typing import Any

import pytest
from marshmallow import EXCLUDE, Schema, fields

from eventing.codec import EncodeError, decode, encode, kafka_key
from eventing.envelope import Envelope
from eventing.examples import Example, all_examples
from eventing.schemas import EVENTS
from eventing.schemas.base import EventSchema

pytestmark = pytest.mark.contract

EXAMPLES = all_examples()
SCORED_EXAMPLE = next(e for e in EXAMPLES if e.name.startswith("assessment.scored.v1."))


def each_example(test: Any) -> Any:
    return pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)(test)


def with_data(envelope: Envelope, change: Any) -> Envelope:
    data = copy.deepcopy(envelope.data)
    change(data)
    return dataclasses.replace(envelope, data=data)


def nested_schemas(schema: Schema) -> list[Schema]:
    """The schema and every schema nested in it, at any depth."""
    found = [schema]
    for field in schema.fields.values():
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested):
            found += nested_schemas(inner.schema)
    return found


def add_unknown_field_everywhere(schema: Schema, document: dict[str, Any]) -> None:
    """Adds a field to `document` and to every object in it that a nested schema describes."""
    document["added_in_a_later_release"] = {"any": ["shape"]}
    for name, field in schema.fields.items():
        value = document.get(field.data_key or name)
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested) and value is not None:
            for item in value if isinstance(field, fields.List) else [value]:
                add_unknown_field_everywhere(inner.schema, item)


@each_example
def test_every_example_decodes(example: Example) -> None:
    assert isinstance(decode(example.raw), Envelope)


@each_example
def test_every_example_is_exactly_what_encode_emits(example: Example) -> None:
    assert json.loads(encode(decode(example.raw))) == json.loads(example.raw)


@each_example
def test_an_example_is_named_after_its_event_type_and_version(example: Example) -> None:
    envelope = decode(example.raw)
    assert example.name.startswith(f"{envelope.event_type}.v{envelope.version}.")


def test_every_registered_event_version_has_an_example() -> None:
    covered = {(e.event_type, e.version) for e in (decode(x.raw) for x in EXAMPLES)}
    assert set(EVENTS) - covered == set()


@each_example
def test_the_kafka_key_is_the_aggregate_id(example: Example) -> None:
    envelope = decode(example.raw)
    privacy = envelope.event_type.startswith(("erasure.", "company."))
    ruleset = envelope.event_type.startswith("ruleset.")
    aggregate = "company_id" if privacy else "ruleset_version" if ruleset else "assessment_id"
    assert kafka_key(envelope) == str(envelope.data[aggregate]).encode()


@pytest.mark.parametrize("spec", EVENTS.values(), ids=lambda spec: spec.event_type)
def test_every_schema_and_every_nested_schema_drops_unknown_fields(spec: Any) -> None:
    for schema in nested_schemas(spec.schema()):
        assert isinstance(schema, EventSchema)
        assert schema.unknown == EXCLUDE


@each_example
def test_a_reader_ignores_fields_added_at_any_level(example: Example) -> None:
    document = json.loads(example.raw)
    document["subject"] = {"added": "to the envelope"}
    schema = EVENTS[(document["event_type"], document["version"])].schema()
    add_unknown_field_everywhere(schema, document["data"])

    assert decode(json.dumps(document).encode()) == decode(example.raw)


def test_a_reader_ignores_fields_added_inside_nested_objects() -> None:
    document = json.loads(SCORED_EXAMPLE.raw)
    document["data"]["company"]["legal_form"] = "GmbH"
    document["data"]["scores"]["exposure"]["parts"]["supply"] = 12.5
    document["data"]["recommendations"]["funding"][0]["deadline"] = "2026-09-30"

    assert decode(json.dumps(document).encode()) == decode(SCORED_EXAMPLE.raw)


@each_example
def test_encode_refuses_a_field_the_schema_does_not_describe(example: Example) -> None:
    envelope = with_data(decode(example.raw), lambda data: data.update(extra="x"))
    with pytest.raises(EncodeError, match="extra"):
        encode(envelope)


@each_example
def test_encode_refuses_data_without_its_aggregate_id(example: Example) -> None:
    envelope = decode(example.raw)
    key_field = EVENTS[(envelope.event_type, envelope.version)].key_field
    with pytest.raises(EncodeError):
        encode(with_data(envelope, lambda data: data.pop(key_field)))


def _inside(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(*path_and_value: Any) -> Any:
    *path, value = path_and_value
    return lambda data: _inside(data, path[:-1]).__setitem__(path[-1], value)


def _delete(*path: str | int) -> Any:
    return lambda data: _inside(data, path[:-1]).__delitem__(path[-1])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_set("scores", "exposure", "parts", "extra", 1.0), id="unknown nested field"),
        pytest.param(
            _set("recommendations", "funding", 0, "extra", "x"), id="unknown listed field"
        ),
        pytest.param(_delete("contact", "email"), id="missing nested field"),
        pytest.param(_delete("scores", "top_gaps", 0, "text"), id="missing field in a list"),
        pytest.param(_set("assessment_id", "not-a-uuid"), id="id not a UUID"),
        pytest.param(
            _set("company_id", "6d8c40e6-f1b9-465f-a666-cec255dadc93"), id="UUID as a string"
        ),
        pytest.param(_set("scored_at", datetime(2026, 3, 9, 10, 41)), id="naive datetime"),  # noqa: DTZ001
        pytest.param(_set("scores", "exposure", "score", "hoch"), id="score not a number"),
        pytest.param(_set("scores", "readiness", "score", 140.0), id="score above 100"),
        pytest.param(_set("scores", "class", "E"), id="unknown class"),
        pytest.param(_set("contact", "email", "hofmann at example"), id="not an email"),
        pytest.param(_set("answers", "market.price_pressure", True), id="answer is a bool"),
        pytest.param(_set("language", "fr"), id="a language Wegweiser does not write in"),
    ],
)
def test_encode_refuses_a_scored_assessment_its_schema_does_not_describe(change: Any) -> None:
    envelope = decode(SCORED_EXAMPLE.raw)
    with pytest.raises(EncodeError):
        encode(with_data(envelope, change))


def test_a_scored_assessment_of_a_dutch_company_travels() -> None:
    envelope = with_data(decode(SCORED_EXAMPLE.raw), _set("language", "nl"))
    assert decode(encode(envelope)).data["language"] == "nl"
