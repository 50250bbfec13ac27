"""Demo advisors (`notifications-seed`, `make seed`) so a fresh system takes bookings at once.

Four advisors together cover every district of the event contract (a test checks that), each
with a usual week of Monday to Thursday, 09:00-12:00 and 13:00-16:00 in Europe/Berlin
(50-minute meetings and 10 minutes between them: six slots a day). Running it again adds
nothing: an advisor whose address exists is left as it is (the desk may have changed it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Engine

from notifications.adapters.advisor_store import Coverage, create_account, find_by_email
from notifications.adapters.availability_store import replace_weekly_hours
from notifications.adapters.tables import ROLE_ADVISOR

MEETING_MINUTES, BUFFER_MINUTES = 50, 10
WEEK = {
    weekday: [(time(9), time(12)), (time(13), time(16))]
    for weekday in range(4)  # Monday to Thursday
}


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
        for demo in DEMO_ADVISORS:
            if find_by_email(connection, demo.email) is not None:
                continue
            advisor_id = create_account(
                connection,
                name=demo.name,
                email=demo.email,
                role=ROLE_ADVISOR,
                password=None,
                coverage=Coverage(
                    districts=demo.districts,
                    topics=demo.topics,
                    meeting_minutes=MEETING_MINUTES,
                    buffer_minutes=BUFFER_MINUTES,
                ),
                now=now,
            )
            replace_weekly_hours(connection, advisor_id, WEEK)
            added.append(demo.name)
    return added
