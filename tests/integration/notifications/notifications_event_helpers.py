"""Events and advisors for the notifications consumer tests, built from the contract's
example events with fresh ids."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from testkit.events import example

from eventing.envelope import Envelope
from notifications.adapters.advisor_store import Coverage, create_account


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
