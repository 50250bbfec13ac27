"""`notifications-seed`: demo advisors for every district, bookable for the next four weeks
on a fresh system; running it again adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from notifications_booking_helpers import add_company
from sqlalchemy import Engine, func, select

from eventing.schemas.assessment import DISTRICTS
from notifications.adapters.booking_store import BookingStore
from notifications.adapters.tables import advisors, weekly_availability
from notifications.entrypoints.cli import run_seed
from notifications.services import seed_demo_advisors
from notifications.services.offer_slots import offered_slots

MONDAY = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def test_seeding_twice_adds_the_demo_advisors_once(
    migrated: str, engine: Engine, capsys: pytest.CaptureFixture[str]
):
    run_seed()  # the console script: reads NOTIFICATIONS_DATABASE_URL
    assert "added Anna Berger" in capsys.readouterr().out
    run_seed()
    assert "nothing to add" in capsys.readouterr().out

    with engine.connect() as connection:
        rows = connection.execute(select(advisors)).all()
        windows = connection.execute(select(func.count()).select_from(weekly_availability))
        assert windows.scalar_one() == len(rows) * 8  # Mon-Thu, morning and afternoon
    assert len(rows) == len(seed_demo_advisors.DEMO_ADVISORS)
    assert {district for row in rows for district in row.districts} == set(DISTRICTS)
    assert all(row.active and row.timezone == "Europe/Berlin" for row in rows)


@pytest.mark.parametrize("district", DISTRICTS)
def test_a_company_in_any_district_can_book_in_each_of_the_next_four_weeks(
    migrated: str, engine: Engine, district: str
):
    seed_demo_advisors.seed(engine, MONDAY)
    company = BookingStore(engine).company(add_company(engine, district=district))
    assert company is not None

    slots = offered_slots(engine, company, MONDAY)

    weeks = {(slot.starts_at - MONDAY) // timedelta(weeks=1) for slot in slots}
    assert weeks == {0, 1, 2, 3}
    assert all(slot.starts_at.weekday() < 4 for slot in slots)  # Monday to Thursday
