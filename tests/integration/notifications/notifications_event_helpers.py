"""Events and advisors for the notifications consumer tests, built from the contract's
example events with fresh ids."""

from __future__ import annotations

import copy
import dataclasses
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.examples import all_examples
from notifications.adapters.advisor_accounts import Coverage, create_account


def example(name: str) -> Envelope:
    [template] = [decode(e.raw) for e in all_examples() if e.name.startswith(name)]
    return dataclasses.replace(template, event_id=uuid.uuid4(), data=copy.deepcopy(template.data))


def scored_event(
    *,
    advisor_sharing: bool = True,
    district: str = "bamberg_land",
    company_name: str = "Hofmann Präzisionsdrehteile GmbH",
    contact_email: str = "a.hofmann@hofmann-praezision.example",
    language: str = "de",
) -> Envelope:
    """The machining supplier of the examples (class A, top gaps portfolio, innovation,
    strategy) as a new assessment."""
    event = example("assessment.scored.v1.machining-supplier")
    data = event.data
    data["assessment_id"] = uuid.uuid4()
    data["company_id"] = uuid.uuid4()
    data["language"] = language
    data["company"]["district"] = district
    data["company"]["name"] = company_name
    data["contact"]["email"] = contact_email
    data["consents"]["advisor_sharing"] = advisor_sharing
    return dataclasses.replace(event, correlation_id=str(data["assessment_id"]))


def report_event(scored: Envelope, **changes: Any) -> Envelope:
    event = example("report.generated.v1.machining-supplier")
    data = event.data | {
        "report_id": uuid.uuid4(),
        "assessment_id": scored.data["assessment_id"],
        "company_id": scored.data["company_id"],
        "download_url": f"http://reporting.test/reports/{uuid.uuid4()}/download?sig=abc",
        "generated_at": datetime.now(UTC),
    }
    return dataclasses.replace(event, data=data | changes, correlation_id=scored.correlation_id)


def add_advisor(
    engine: Engine,
    name: str,
    districts: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    *,
    role: str = "advisor",
    password: str | None = None,
    active: bool = True,
) -> uuid.UUID:
    email = f"{name.lower().replace(' ', '.')}@cluster.example"
    with engine.begin() as connection:
        return create_account(
            connection,
            name=name,
            email=email,
            role=role,
            password=password,
            coverage=Coverage(districts, topics, active=active),
            now=datetime.now(UTC),
        )
