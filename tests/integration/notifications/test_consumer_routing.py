"""`assessment.scored` over the real broker: the read model, routing and `advisor.assigned`
in the outbox, once per event; a malformed event goes to the dead-letter queue."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from notifications_event_helpers import add_advisor
from sqlalchemy import Engine, func, select
from testkit.events import scored_event

from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.kafka_settings import KafkaSettings
from eventing.tables import inbox, outbox
from eventing.testing import read_all, wait_until
from notifications.adapters.availability_store import replace_override, replace_weekly_hours
from notifications.adapters.tables import advisors, company_assessments

pytestmark = pytest.mark.usefixtures("notifications_worker")


def _row(engine: Engine, event: Envelope) -> Any:
    with engine.connect() as connection:
        return connection.execute(
            select(company_assessments).where(
                company_assessments.c.assessment_id == event.data["assessment_id"]
            )
        ).first()


def _published(engine: Engine) -> list[Envelope]:
    with engine.connect() as connection:
        payloads = connection.execute(select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
        return [decode(payload.encode()) for payload in payloads]


def _handled(engine: Engine, event: Envelope) -> Callable[[], bool]:
    def done() -> bool:
        with engine.connect() as connection:
            count = connection.execute(
                select(func.count()).where(inbox.c.event_id == event.event_id)
            ).scalar_one()
        return count == 1

    return done


def test_a_scored_assessment_goes_to_the_advisor_of_its_district_and_gap_topics(
    engine: Engine, publish: Callable[[Envelope], None]
):
    add_advisor(engine, "Regional Only", ("bamberg_land",), ("finance",))
    expert = add_advisor(engine, "Katrin Weiss", ("bamberg_land", "forchheim"), ("innovation",))
    add_advisor(engine, "Far Expert", ("hof",), ("innovation", "portfolio"))
    scored = scored_event()

    publish(scored)
    publish(scored)  # delivered twice, as at-least-once delivery may

    wait_until(_handled(engine, scored), what="the scored event")
    row = _row(engine, scored)
    assert row.company_name == "Hofmann Präzisionsdrehteile GmbH"
    assert row.contact_email == "a.hofmann@hofmann-praezision.example"
    assert (row.assessment_class, row.exposure, row.readiness) == ("A", 78.3, 34.0)
    assert (row.priority, row.priority_label) == (51.7, "dringend")
    assert [gap["dimension"] for gap in row.top_gaps] == ["portfolio", "innovation", "strategy"]
    assert row.advisor_id == expert
    assert row.assigned_at is not None
    [assigned] = _published(engine)  # one event, although the scored event came twice
    assert assigned.event_type == "advisor.assigned"
    assert assigned.causation_id == str(scored.event_id)
    assert assigned.correlation_id == str(scored.data["assessment_id"])
    assert assigned.data == {
        "assessment_id": scored.data["assessment_id"],
        "company_id": scored.data["company_id"],
        "advisor_id": expert,
        "advisor_name": "Katrin Weiss",
        "assigned_at": row.assigned_at,
        "reason": "district_and_topic_match",
    }
    with engine.connect() as connection:
        last = connection.execute(
            select(advisors.c.last_assigned_at).where(advisors.c.id == expert)
        ).scalar_one()
    assert last == row.assigned_at


def _open_every_day(engine: Engine, advisor_id: uuid.UUID) -> None:
    with engine.begin() as connection:
        replace_weekly_hours(
            connection, advisor_id, {day: [(time(8), time(18))] for day in range(7)}
        )


def test_advisors_without_free_hours_are_passed_over_for_a_lower_tier_with_some(
    engine: Engine, publish: Callable[[Envelope], None]
):
    add_advisor(engine, "New Perfect", ("bamberg_land",), ("innovation",))  # no hours yet
    away = add_advisor(engine, "Away Regional", ("bamberg_land",))
    _open_every_day(engine, away)
    today = datetime.now(UTC).date()
    with engine.begin() as connection:  # absent for the whole booking window
        for day in range(30):
            replace_override(connection, away, today + timedelta(days=day), [], "Elternzeit")
    expert = add_advisor(engine, "Far Expert", ("hof",), ("innovation",))
    _open_every_day(engine, expert)
    scored = scored_event()

    publish(scored)

    wait_until(_handled(engine, scored), what="the scored event")
    assert _row(engine, scored).advisor_id == expert
    [assigned] = _published(engine)
    assert (assigned.data["advisor_id"], assigned.data["reason"]) == (expert, "topic_match")


def test_equally_fitting_advisors_take_turns(engine: Engine, publish: Callable[[Envelope], None]):
    first = add_advisor(engine, "Anna Hof", ("hof",))
    second = add_advisor(engine, "Bernd Hof", ("hof",))
    events = [scored_event(company={"district": "hof"}) for _ in range(4)]

    for event in events:
        publish(event)

    for event in events:
        wait_until(_handled(engine, event), what="every scored event")
    chosen = [_row(engine, event).advisor_id for event in events]
    assert sorted(map(str, chosen)) == sorted(map(str, [first, second, first, second]))
    assert {e.data["reason"] for e in _published(engine)} == {"district_match"}


def test_without_consent_the_company_is_kept_but_no_advisor_is_told(
    engine: Engine, publish: Callable[[Envelope], None]
):
    add_advisor(engine, "Katrin Weiss", ("bamberg_land",), ("innovation",))
    scored = scored_event(consents={"advisor_sharing": False})

    publish(scored)

    wait_until(_handled(engine, scored), what="the scored event")
    row = _row(engine, scored)
    assert row.advisor_sharing is False
    assert row.advisor_id is None
    assert _published(engine) == []


def test_with_nobody_to_route_to_the_company_waits_unassigned(
    engine: Engine, publish: Callable[[Envelope], None]
):
    add_advisor(engine, "First Admin", role="admin")  # covers nothing: takes no companies
    scored = scored_event()

    publish(scored)

    wait_until(_handled(engine, scored), what="the scored event")
    assert _row(engine, scored).advisor_id is None
    assert _published(engine) == []


def test_a_malformed_event_goes_to_the_dead_letter_queue_and_the_next_is_handled(
    engine: Engine,
    publish: Callable[[Envelope], None],
    publisher: KafkaPublisher,
    event_topics: dict[str, str],
    kafka_settings: KafkaSettings,
):
    topic = event_topics["assessment-events"]
    broken = scored_event()
    garbage = OutgoingMessage(
        topic,
        str(broken.data["assessment_id"]).encode(),
        b'{"event_type": "assessment.scored", "version": 1, "data": {"company": 7}}',
        [("event_type", b"assessment.scored"), ("event_version", b"1")],
    )
    after = scored_event()

    assert publisher.send_batch([garbage]) == [None]
    publish(after)

    wait_until(_handled(engine, after), what="the event after the malformed one")
    [dead] = read_all(kafka_settings, f"{topic}-dlq", expected=1)
    headers = dict(dead.headers)
    assert dead.value == garbage.value
    assert headers["dlq.error.class"] == b"InvalidMessage"
    assert headers["dlq.original.topic"] == topic.encode()
    assert _row(engine, broken) is None
