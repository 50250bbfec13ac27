"""Slot generation: wall-clock availability in Europe/Berlin, instants in UTC, on ordinary
days, across both daylight-saving switches of 2026, with buffers, overrides and meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifications.domain.slots import (
    DayOverride,
    Schedule,
    Slot,
    WeeklyHours,
    free_slots,
    is_free,
    offered_slot,
)

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = timedelta(hours=1)
# Every day 09:00-12:00; one-hour meetings without buffer unless a test says otherwise.
EVERY_MORNING = tuple(WeeklyHours(weekday, time(9), time(12)) for weekday in range(7))


def _schedule(**changes) -> Schedule:
    values = {
        "zone": BERLIN,
        "meeting": HOUR,
        "buffer": timedelta(0),
        "weekly": EVERY_MORNING,
        "overrides": (),
    }
    return Schedule(**(values | changes))


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _on(slots: list[Slot], day: date) -> list[str]:
    """The slots of one Berlin date as wall-clock "HH:MM-HH:MM"."""
    shown = []
    for slot in slots:
        starts, ends = slot.starts_at.astimezone(BERLIN), slot.ends_at.astimezone(BERLIN)
        if starts.date() == day:
            shown.append(f"{starts:%H:%M}-{ends:%H:%M}")
    return shown


def _week_of(day: date) -> datetime:
    """A "now" two days before the day, early in the morning, so min_notice never cuts."""
    return datetime.combine(day - timedelta(days=2), time(5), tzinfo=BERLIN).astimezone(UTC)


def test_a_window_yields_back_to_back_meetings_as_utc_instants():
    day = date(2026, 12, 3)  # winter: Berlin is UTC+1
    slots = free_slots(_schedule(), [], now=_week_of(day))

    assert _on(slots, day) == ["09:00-10:00", "10:00-11:00", "11:00-12:00"]
    first = next(slot for slot in slots if slot.starts_at.astimezone(BERLIN).date() == day)
    assert first == Slot(_utc(2026, 12, 3, 8), _utc(2026, 12, 3, 9))
    assert first.starts_at.tzinfo == UTC
    assert first.ends_at - first.starts_at == HOUR


@pytest.mark.parametrize(
    ("day", "utc_hour_of_nine"),
    [
        (date(2026, 3, 28), 8),  # Saturday before the spring switch: CET, UTC+1
        (date(2026, 3, 29), 7),  # the spring switch day (02:00 -> 03:00): CEST, UTC+2
        (date(2026, 10, 24), 7),  # Saturday before the autumn switch: CEST
        (date(2026, 10, 25), 8),  # the autumn switch day (03:00 -> 02:00): CET again
    ],
)
def test_nine_oclock_stays_nine_oclock_on_both_switch_days(day: date, utc_hour_of_nine: int):
    slots = free_slots(_schedule(), [], now=_week_of(day))

    assert _on(slots, day) == ["09:00-10:00", "10:00-11:00", "11:00-12:00"]
    nine = next(s for s in slots if s.starts_at.astimezone(BERLIN).date() == day)
    assert nine.starts_at == _utc(day.year, day.month, day.day, utc_hour_of_nine)


def test_a_window_across_the_spring_gap_has_real_hours_and_no_missing_wall_times():
    day = date(2026, 3, 29)  # 02:00-03:00 does not exist in Berlin this night
    night = (WeeklyHours(6, time(0), time(5)),)
    slots = free_slots(_schedule(weekly=night), [], now=_week_of(day))

    # 00:00-05:00 on the clock is four real hours: four one-hour slots, none at 02:xx.
    assert _on(slots, day) == ["00:00-01:00", "01:00-03:00", "03:00-04:00", "04:00-05:00"]
    assert all(slot.ends_at - slot.starts_at == HOUR for slot in slots)


def test_a_window_across_the_repeated_autumn_hour_has_one_more_real_hour():
    day = date(2026, 10, 25)  # 02:00-03:00 happens twice in Berlin this night
    night = (WeeklyHours(6, time(0), time(5)),)
    slots = free_slots(_schedule(weekly=night), [], now=_week_of(day))

    # Six real hours between 00:00 and 05:00 on the clock; the repeated hour shows twice.
    assert _on(slots, day) == [
        "00:00-01:00",
        "01:00-02:00",
        "02:00-02:00",
        "02:00-03:00",
        "03:00-04:00",
        "04:00-05:00",
    ]
    that_night = [s for s in slots if s.starts_at.astimezone(BERLIN).date() == day]
    assert len({slot.starts_at for slot in that_night}) == 6
    assert all(slot.ends_at - slot.starts_at == HOUR for slot in that_night)


def test_the_buffer_spaces_slots_and_keeps_clear_of_meetings_on_both_sides():
    day = date(2026, 12, 3)
    schedule = _schedule(
        meeting=timedelta(minutes=45),
        buffer=timedelta(minutes=15),
        weekly=(WeeklyHours(3, time(9), time(13)),),
    )
    assert _on(free_slots(schedule, [], now=_week_of(day)), day) == [
        "09:00-09:45",
        "10:00-10:45",
        "11:00-11:45",
        "12:00-12:45",
    ]
    # A meeting booked at 10:30 (say, before the hours changed) blocks 10:00 and 11:00:
    # both would come closer to it than the 15-minute buffer.
    meeting = Slot(_utc(2026, 12, 3, 9, 30), _utc(2026, 12, 3, 10, 15))
    assert _on(free_slots(schedule, [meeting], now=_week_of(day)), day) == [
        "09:00-09:45",
        "12:00-12:45",
    ]


def test_a_taken_slot_is_not_offered_but_its_neighbours_are():
    day = date(2026, 12, 3)
    taken = Slot(_utc(2026, 12, 3, 9), _utc(2026, 12, 3, 10))  # 10:00-11:00 in Berlin

    slots = free_slots(_schedule(), [taken], now=_week_of(day))

    assert _on(slots, day) == ["09:00-10:00", "11:00-12:00"]


def test_a_holiday_closes_the_day_and_other_hours_replace_the_week():
    christmas, next_day = date(2026, 12, 24), date(2026, 12, 28)
    schedule = _schedule(
        overrides=(
            DayOverride(christmas),
            DayOverride(next_day, time(14), time(16)),
            DayOverride(next_day, time(17), time(18)),
        )
    )
    slots = free_slots(schedule, [], now=_week_of(christmas))

    assert _on(slots, christmas) == []
    assert _on(slots, date(2026, 12, 23)) == ["09:00-10:00", "10:00-11:00", "11:00-12:00"]
    assert _on(slots, next_day) == ["14:00-15:00", "15:00-16:00", "17:00-18:00"]


def test_only_weekdays_with_hours_have_slots():
    monday_to_thursday = tuple(WeeklyHours(weekday, time(9), time(10)) for weekday in range(4))
    now = _utc(2026, 11, 30, 0)  # a Monday
    slots = free_slots(_schedule(weekly=monday_to_thursday), [], now=now, min_notice=HOUR)

    weekdays = {slot.starts_at.astimezone(BERLIN).weekday() for slot in slots}
    assert weekdays == {0, 1, 2, 3}


def test_nothing_in_the_past_nothing_too_soon_nothing_beyond_the_horizon():
    now = _utc(2026, 12, 3, 9, 30)  # Thursday 10:30 in Berlin
    slots = free_slots(_schedule(), [], now=now, min_notice=timedelta(hours=12))

    assert min(slot.starts_at for slot in slots) == _utc(2026, 12, 4, 8)  # Friday 09:00
    assert max(slot.starts_at for slot in slots) <= now + timedelta(weeks=4)
    assert max(slot.starts_at for slot in slots) == _utc(2026, 12, 31, 9)  # 4 weeks on, 10:00
    assert slots == sorted(slots)


def test_slots_exactly_min_notice_and_exactly_the_horizon_ahead_are_offered():
    # Thursday 09:00 Berlin: twelve hours on is 21:00 (no hours), four weeks on is 09:00.
    now = _utc(2026, 12, 3, 8)
    slots = free_slots(_schedule(), [], now=now, min_notice=timedelta(hours=12))
    assert max(slot.starts_at for slot in slots) == _utc(2026, 12, 31, 8)
    # Thursday 21:00 Berlin: twelve hours on is Friday 09:00.
    now = _utc(2026, 12, 3, 20)
    slots = free_slots(_schedule(), [], now=now, min_notice=timedelta(hours=12))
    assert min(slot.starts_at for slot in slots) == _utc(2026, 12, 4, 8)
    nine = Slot(_utc(2026, 12, 4, 8), _utc(2026, 12, 4, 9))
    assert (
        offered_slot(_schedule(), nine.starts_at, now=now, min_notice=timedelta(hours=12)) == nine
    )


def test_a_meeting_inside_a_longer_one_does_not_shorten_what_the_longer_one_blocks():
    # 10:00-12:00 Berlin with 10:15-10:30 inside it (a workshop and a call booked into it):
    # 11:00 stays blocked, only 09:00 and 12:00 are free in a 09:00-13:00 window.
    day = date(2026, 12, 3)
    schedule = _schedule(weekly=(WeeklyHours(3, time(9), time(13)),))
    meetings = [
        Slot(_utc(2026, 12, 3, 9), _utc(2026, 12, 3, 11)),
        Slot(_utc(2026, 12, 3, 9, 15), _utc(2026, 12, 3, 9, 30)),
    ]

    assert _on(free_slots(schedule, meetings, now=_week_of(day)), day) == [
        "09:00-10:00",
        "12:00-13:00",
    ]


def test_a_window_shorter_than_a_meeting_yields_nothing():
    day = date(2026, 12, 3)
    short = (WeeklyHours(3, time(9), time(9, 30)),)

    assert _on(free_slots(_schedule(weekly=short), [], now=_week_of(day)), day) == []


def test_offered_slot_knows_slot_times_busy_or_not_and_nothing_else():
    day = date(2026, 12, 3)
    now = _week_of(day)
    schedule = _schedule()

    nine = Slot(_utc(2026, 12, 3, 8), _utc(2026, 12, 3, 9))
    assert offered_slot(schedule, _utc(2026, 12, 3, 8), now=now) == nine
    assert offered_slot(schedule, _utc(2026, 12, 3, 8, 30), now=now) is None
    assert offered_slot(schedule, _utc(2026, 12, 3, 13), now=now) is None
    assert offered_slot(schedule, _utc(2026, 12, 3, 8), now=_utc(2026, 12, 3, 0)) is None  # soon


def test_is_free_keeps_the_buffer_to_every_meeting():
    buffer = timedelta(minutes=15)
    meetings = [
        Slot(_utc(2026, 12, 3, 9), _utc(2026, 12, 3, 10)),
        Slot(_utc(2026, 12, 3, 13), _utc(2026, 12, 3, 14)),
    ]

    def free(hour: int, minute: int = 0) -> bool:
        starts = _utc(2026, 12, 3, hour, minute)
        return is_free(Slot(starts, starts + HOUR), meetings, buffer)

    assert free(7, 45)  # ends 08:45, exactly the buffer before 09:00
    assert not free(7, 50)
    assert not free(9, 30)
    assert free(10, 15)  # starts exactly the buffer after 10:00
    assert not free(12, 0)
    assert free(14, 15)


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        free_slots(_schedule(), [], now=datetime(2026, 12, 3, 9))  # noqa: DTZ001


def test_a_slot_exactly_the_horizon_ahead_is_offered_by_its_time_too():
    now = _utc(2026, 12, 3, 8)  # four weeks on is Thursday 31 December, 09:00 in Berlin
    nine = Slot(_utc(2026, 12, 31, 8), _utc(2026, 12, 31, 9))

    assert offered_slot(_schedule(), nine.starts_at, now=now) == nine


def test_slots_just_after_midnight_belong_to_their_berlin_day():
    # 00:00 in Berlin is 23:00 UTC of the day before, in the days of the UTC clock and of
    # the horizon's end alike.
    schedule = _schedule(weekly=tuple(WeeklyHours(day, time(0), time(1)) for day in range(7)))
    now = _utc(2026, 12, 3, 8)
    friday = Slot(_utc(2026, 12, 3, 23), _utc(2026, 12, 4, 0))
    saturday = Slot(_utc(2026, 12, 4, 23), _utc(2026, 12, 5, 0))
    until_half_past_midnight = saturday.starts_at + timedelta(minutes=30) - now

    assert offered_slot(schedule, saturday.starts_at, now=now) == saturday
    assert free_slots(schedule, [], now=now, horizon=until_half_past_midnight) == [friday, saturday]
