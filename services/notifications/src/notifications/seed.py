"""`notifications-seed` (`make seed`): demo advisors so a fresh system takes bookings at once.

Four advisors together cover every district of the event contract (a test checks that), each
with a usual week of Monday to Thursday, 09:00-12:00 and 13:00-16:00 in Europe/Berlin
(50-minute meetings and 10 minutes between them: six slots a day). Running it again adds
nothing: an advisor whose address exists is left as it is (the desk may have changed it).
"""

from __future__ import annotations

import os
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy import Engine, insert, select

from notifications.adapters.tables import ROLE_ADVISOR, advisors, weekly_availability
from servicekit.db import make_engine
from servicekit.settings import database_url_from_env
from wording.cluster_time import CLUSTER_ZONE_NAME

MEETING_MINUTES, BUFFER_MINUTES = 50, 10
WEEK = tuple(
    (weekday, starts, ends)
    for weekday in range(4)  # Monday to Thursday
    for starts, ends in ((time(9), time(12)), (time(13), time(16)))
)


@dataclass(frozen=True)
class DemoAdvisor:
    name: str
    email: str
    districts: tuple[str, ...]
    topics: tuple[str, ...]  # readiness dimensions of the questionnaire


DEMO_ADVISORS = (
    DemoAdvisor(
        "Anna Berger",
        "anna.berger@cluster.example.org",
        ("bamberg_stadt", "bamberg_land", "forchheim"),
        ("strategy", "innovation"),
    ),
    DemoAdvisor(
        "Jonas Keller",
        "jonas.keller@cluster.example.org",
        ("coburg", "lichtenfels", "kronach", "hassberge"),
        ("digital", "workforce"),
    ),
    DemoAdvisor(
        "Miriam Roth",
        "miriam.roth@cluster.example.org",
        ("bayreuth", "kulmbach", "hof", "wunsiedel"),
        ("energy", "finance"),
    ),
    DemoAdvisor(
        "Felix Neumann",
        "felix.neumann@cluster.example.org",
        ("other_bavaria", "outside_bavaria", "bamberg_stadt", "bamberg_land"),
        ("strategy", "digital", "energy"),
    ),
)


def seed(engine: Engine, now: datetime) -> list[str]:
    """Add the demo advisors that are missing; returns the names added."""
    added = []
    with engine.begin() as connection:
        existing = set(connection.execute(select(advisors.c.email)).scalars())
        for demo in DEMO_ADVISORS:
            if demo.email in existing:
                continue
            advisor_id = uuid.uuid4()
            connection.execute(
                insert(advisors).values(
                    id=advisor_id,
                    name=demo.name,
                    email=demo.email,
                    role=ROLE_ADVISOR,
                    password_hash=None,
                    districts=list(demo.districts),
                    topics=list(demo.topics),
                    timezone=CLUSTER_ZONE_NAME,
                    meeting_minutes=MEETING_MINUTES,
                    buffer_minutes=BUFFER_MINUTES,
                    active=True,
                    last_assigned_at=None,
                    created_at=now,
                )
            )
            connection.execute(
                insert(weekly_availability),
                [
                    {
                        "id": uuid.uuid4(),
                        "advisor_id": advisor_id,
                        "weekday": weekday,
                        "starts": starts,
                        "ends": ends,
                    }
                    for weekday, starts, ends in WEEK
                ],
            )
            added.append(demo.name)
    return added


def main() -> None:
    engine = make_engine(database_url_from_env("notifications", os.environ))
    try:
        added = seed(engine, datetime.now(UTC))
    finally:
        engine.dispose()
    summary = f"added {', '.join(added)}" if added else "nothing to add"
    sys.stdout.write(f"notifications-seed: demo advisors: {summary}\n")
