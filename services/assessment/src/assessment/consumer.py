"""What the assessment service consumes: report and meeting events, to show their status."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from assessment.adapters import follow_ups
from eventing.inbox import apply_once
from eventing.topics import MEETING_EVENTS, REPORT_EVENTS
from eventing.worker import ConsumerSpec

CONSUMER = "assessment"


def consumer_spec(engine: Engine) -> ConsumerSpec:
    sessions = sessionmaker(engine)
    effects = {
        ("report.generated", 1): follow_ups.report_generated,
        ("report.failed", 1): follow_ups.report_failed,
        ("meeting.booked", 1): follow_ups.meeting_booked,
        ("meeting.rescheduled", 1): follow_ups.meeting_rescheduled,
        ("meeting.cancelled", 1): follow_ups.meeting_cancelled,
    }
    return ConsumerSpec(
        name=CONSUMER,
        topics=(REPORT_EVENTS.name, MEETING_EVENTS.name),
        handlers={key: apply_once(sessions, CONSUMER, effect) for key, effect in effects.items()},
    )
