"""Topic registry: every topic, its partitions, which events it carries, who writes and reads it.

One topic per producing stream, keyed by aggregate id so that all events of one assessment
stay in order on one partition. Every topic has a dead-letter twin named `<topic>-dlq`.
"""

from __future__ import annotations

from dataclasses import dataclass

DLQ_SUFFIX = "-dlq"


@dataclass(frozen=True)
class TopicSpec:
    name: str
    # Partitions bound how many members of one consumer group can work in parallel;
    # reporting renders PDFs, so assessment-events gets the most.
    partitions: int
    event_types: tuple[str, ...]
    producers: tuple[str, ...]
    consumers: tuple[str, ...]

    @property
    def dlq(self) -> str:
        return self.name + DLQ_SUFFIX


ASSESSMENT_EVENTS = TopicSpec(
    name="assessment-events",
    partitions=6,
    event_types=("assessment.submitted", "assessment.scored", "ruleset.published"),
    producers=("assessment",),
    consumers=("reporting", "notifications"),
)
REPORT_EVENTS = TopicSpec(
    name="report-events",
    partitions=3,
    event_types=("report.generated", "report.failed"),
    producers=("reporting",),
    consumers=("notifications", "assessment"),
)
MEETING_EVENTS = TopicSpec(
    name="meeting-events",
    partitions=3,
    event_types=(
        "advisor.assigned",
        "meeting.booked",
        "meeting.cancelled",
        "meeting.rescheduled",
    ),
    producers=("notifications",),
    consumers=("assessment",),
)
PRIVACY_EVENTS = TopicSpec(
    name="privacy-events",
    partitions=3,
    event_types=("erasure.requested", "erasure.completed", "company.links_revoked"),
    producers=("assessment", "reporting", "notifications"),
    consumers=("assessment", "reporting", "notifications"),
)

TOPICS: dict[str, TopicSpec] = {
    spec.name: spec for spec in (ASSESSMENT_EVENTS, REPORT_EVENTS, MEETING_EVENTS, PRIVACY_EVENTS)
}


def topic_for(event_type: str) -> TopicSpec:
    for spec in TOPICS.values():
        if event_type in spec.event_types:
            return spec
    raise KeyError(f"no topic carries event type {event_type!r}")


def all_topic_names() -> list[str]:
    """Every topic the system needs, dead-letter topics included."""
    return [name for spec in TOPICS.values() for name in (spec.name, spec.dlq)]
