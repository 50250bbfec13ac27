"""`notifications-seed`: demo advisors for every district, bookable for the next four weeks
on a fresh system; running it again adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from notifications_booking_helpers import LINKS, add_company
from sqlalchemy import Engine, func, select

from eventing.schemas.assessment import DISTRICTS
from eventing.tables import request_limits
from notifications import seed
from notifications.adapters.tables import advisors, weekly_availability
from notifications.booking.service import BookingService
from servicekit.request_limits import RequestLimits
from servicekit.settings import DEFAULT_LIMIT_PER_CLIENT, DEFAULT_LIMIT_PER_RECIPIENT

MONDAY = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def test_seeding_twice_adds_the_demo_advisors_once(
    migrated: str, engine: Engine, capsys: pytest.CaptureFixture[str]
):
    seed.main()  # reads NOTIFICATIONS_DATABASE_URL like the console script
    assert "added Anna Berger" in capsys.readouterr().out
    seed.main()
    assert "nothing to add" in capsys.readouterr().out

    with engine.connect() as connection:
        rows = connection.execute(select(advisors)).all()
        windows = connection.execute(select(func.count()).select_from(weekly_availability))
        assert windows.scalar_one() == len(rows) * 8  # Mon-Thu, morning and afternoon
    assert len(rows) == len(seed.DEMO_ADVISORS)
    assert {district for row in rows for district in row.districts} == set(DISTRICTS)
    assert all(row.active and row.timezone == "Europe/Berlin" for row in rows)


@pytest.mark.parametrize("district", DISTRICTS)
def test_a_company_in_any_district_can_book_in_each_of_the_next_four_weeks(
    migrated: str, engine: Engine, district: str
):
    seed.seed(engine, MONDAY)
    limits = RequestLimits(
        engine, request_limits, DEFAULT_LIMIT_PER_CLIENT, DEFAULT_LIMIT_PER_RECIPIENT
    )
    service = BookingService(engine, LINKS, limits)
    company = service.company(add_company(engine, district=district))
    assert company is not None

    slots = service.open_slots(company, MONDAY)

    weeks = {(slot.starts_at - MONDAY) // timedelta(weeks=1) for slot in slots}
    assert weeks == {0, 1, 2, 3}
    assert all(slot.starts_at.weekday() < 4 for slot in slots)  # Monday to Thursday
