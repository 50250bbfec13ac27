"""Prometheus metrics of the event plumbing, the same names in every service."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

EVENTS_CONSUMED = Counter(
    "wegweiser_events_consumed_total",
    "Events a consumer took off a topic, by what became of them.",
    ["consumer", "event_type", "outcome"],  # processed | duplicate | ignored | dead_lettered
)
EVENT_RETRIES = Counter(
    "wegweiser_event_retries_total",
    "Handler attempts that failed and will be retried.",
    ["consumer", "event_type"],
)
EVENT_HANDLING_SECONDS = Histogram(
    "wegweiser_event_handling_seconds",
    "Time a handler took for one event, successful attempts only.",
    ["consumer", "event_type"],
)
OUTBOX_PUBLISHED = Counter(
    "wegweiser_outbox_published_total", "Outbox rows the broker confirmed.", ["topic"]
)
OUTBOX_FAILURES = Counter(
    "wegweiser_outbox_failures_total", "Outbox publish attempts that failed.", ["topic"]
)
