"""Events to send in tests, built from the event contract's examples so a test's event is
always one the contract accepts."""

from __future__ import annotations

import copy
import dataclasses
import uuid
from collections.abc import Mapping
from typing import Any

from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.examples import all_examples


def example(name: str) -> Envelope:
    """The example whose name starts with `name`, with a fresh event id and its own copy of
    the data (a test may change it without changing the next test's example)."""
    [template] = [decode(e.raw) for e in all_examples() if e.name.startswith(name)]
    return dataclasses.replace(template, event_id=uuid.uuid4(), data=copy.deepcopy(template.data))


def scored_event(
    case: str = "machining",
    *,
    company: Mapping[str, Any] | None = None,
    contact: Mapping[str, Any] | None = None,
    consents: Mapping[str, Any] | None = None,
    **data: Any,
) -> Envelope:
    """The `assessment.scored` example `case` about a new assessment of a new company.

    `company`, `contact` and `consents` change single fields of those parts; other keyword
    arguments replace top-level fields of the data.
    """
    event = example(f"assessment.scored.v1.{case}")
    body = event.data
    body["assessment_id"] = uuid.uuid4()
    body["company_id"] = uuid.uuid4()
    for part, changes in (("company", company), ("contact", contact), ("consents", consents)):
        body[part].update(changes or {})
    body.update(data)
    return dataclasses.replace(event, correlation_id=str(body["assessment_id"]))
