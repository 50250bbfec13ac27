"""Routing: which advisor a scored assessment goes to, and why.

The best fit covers the company's district and one of its top gap topics; then the district
alone (the advisor knows the region and can visit), then a topic alone (the expert, from
further away), and when nobody fits, anyone active, so no company is left without an advisor.
Among equally fitting advisors the least recently assigned gets it (never assigned comes
first), which spreads new companies evenly over a team without counting workloads.

Only advisors with a free slot in the booking window are considered, so the company can book
its meeting: a better fitting advisor without free hours (a new one who has not entered any,
one away for a month) loses to a lesser fit who has them. Only when nobody has a free slot
does the fit alone decide; the company then asks for a call back (see services/request_callback.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

# The reasons are the `reason` values of `advisor.assigned` v1 (eventing's ASSIGNMENT_REASONS).
DISTRICT_AND_TOPIC = "district_and_topic_match"
DISTRICT = "district_match"
TOPIC = "topic_match"
WORKLOAD = "workload_fallback"


@dataclass(frozen=True)
class Advisor:
    id: uuid.UUID
    districts: frozenset[str]
    topics: frozenset[str]
    active: bool
    last_assigned_at: datetime | None  # aware UTC; None: never assigned
    has_free_slots: bool  # in the booking window, from domain/slots.py


@dataclass(frozen=True)
class Assignment:
    advisor_id: uuid.UUID
    reason: str


def choose_advisor(
    advisors: Iterable[Advisor], district: str, gap_topics: Sequence[str]
) -> Assignment | None:
    """The advisor for a company in `district` whose top gaps are `gap_topics`: the best
    fitting tier that has an advisor with free slots, else (nobody has any) the best fitting
    tier. None when no active advisor covers anything (an account that covers nothing, such
    as a bare admin login, takes no companies)."""
    gaps = frozenset(gap_topics)
    candidates = [a for a in advisors if a.active and (a.districts or a.topics)]
    bookable = [a for a in candidates if a.has_free_slots]
    tiers: tuple[tuple[str, Callable[[Advisor], bool]], ...] = (
        (DISTRICT_AND_TOPIC, lambda a: district in a.districts and bool(a.topics & gaps)),
        (DISTRICT, lambda a: district in a.districts),
        (TOPIC, lambda a: bool(a.topics & gaps)),
        (WORKLOAD, lambda a: True),
    )
    for pool in (bookable, candidates):
        for reason, fits in tiers:
            fitting = [advisor for advisor in pool if fits(advisor)]
            if fitting:
                return Assignment(min(fitting, key=_least_recently_assigned).id, reason)
    return None


def _least_recently_assigned(advisor: Advisor) -> tuple[bool, datetime | None, str]:
    # Never assigned sorts first; the id makes equal times (and two Nones) deterministic.
    return (
        advisor.last_assigned_at is not None,
        advisor.last_assigned_at,
        str(advisor.id),
    )
