"""Bookings as /metrics shows them, read from the database at scrape time (so every process
and every gunicorn worker reports the same numbers)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from notifications.adapters.tables import meetings
from notifications.domain.meetings import MEETING_BOOKED

logger = logging.getLogger(__name__)


class MeetingsCollector(Collector):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        by_status = GaugeMetricFamily(
            "wegweiser_meetings", "Meetings ever booked, by their status now.", labels=["status"]
        )
        upcoming = select(func.count()).where(
            meetings.c.status == MEETING_BOOKED, meetings.c.starts_at > datetime.now(UTC)
        )
        try:
            with self._engine.connect() as connection:
                counts = connection.execute(
                    select(meetings.c.status, func.count()).group_by(meetings.c.status)
                ).all()
                upcoming_count = connection.execute(upcoming).scalar_one()
        except SQLAlchemyError as exc:
            # /metrics must answer while the database is away (readiness says so).
            logger.warning("meeting metrics unavailable: %s", type(exc).__name__)
            return
        for status, count in counts:
            by_status.add_metric([status], count)
        yield by_status
        yield GaugeMetricFamily(
            "wegweiser_meetings_upcoming", "Booked meetings still to come.", upcoming_count
        )
