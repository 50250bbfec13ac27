"""Free meeting slots of one advisor: pure, no I/O.

Availability is written in wall-clock times of the advisor's zone ("Mondays 09:00-12:00"),
because that is what stays fixed when the clocks change. Each day's windows are turned into
instants with zoneinfo on that very date, and slots are stepped in real elapsed time from
the window's start, so a 60-minute meeting lasts 60 minutes on the daylight-saving switch
days too and a window never yields a slot at a wall time that does not exist.

A slot is offered when it starts at least `min_notice` from now and within `horizon`, lies
inside an availability window, and keeps `buffer` clear of every busy interval (an existing
meeting of the advisor) on both sides.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_MIN_NOTICE = timedelta(hours=12)
DEFAULT_HORIZON = timedelta(weeks=4)


@dataclass(frozen=True)
class WeeklyHours:
    """One window of the usual week: weekday 0 = Monday, wall-clock times."""

    weekday: int
    starts: time
    ends: time


@dataclass(frozen=True)
class DayOverride:
    """The hours of one date, replacing the usual week; no times: not available that day."""

    day: date
    starts: time | None = None
    ends: time | None = None


@dataclass(frozen=True)
class Schedule:
    zone: ZoneInfo
    meeting: timedelta
    buffer: timedelta
    weekly: Sequence[WeeklyHours] = ()
    overrides: Sequence[DayOverride] = ()


@dataclass(frozen=True, order=True)
class Slot:
    """Aware UTC instants, half-open: [starts_at, ends_at)."""

    starts_at: datetime
    ends_at: datetime = field(compare=False)


def free_slots(
    schedule: Schedule,
    busy: Iterable[Slot],
    *,
    now: datetime,
    min_notice: timedelta = DEFAULT_MIN_NOTICE,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[Slot]:
    """The advisor's free slots from now + min_notice up to now + horizon, earliest first."""
    blocked = _Blocked(busy, schedule.buffer)
    candidates = _candidates(schedule, now=now, min_notice=min_notice, horizon=horizon)
    return [slot for slot in candidates if not blocked.clashes(slot)]


def offered_slot(
    schedule: Schedule,
    starts_at: datetime,
    *,
    now: datetime,
    min_notice: timedelta = DEFAULT_MIN_NOTICE,
    horizon: timedelta = DEFAULT_HORIZON,
) -> Slot | None:
    """The slot starting at `starts_at` if the schedule offers one then, busy or not (a
    time never offered is a bad request, an offered one that is busy a conflict)."""
    if not now + min_notice <= starts_at <= now + horizon:
        return None  # also keeps far-off instants from overflowing the local conversion
    day = starts_at.astimezone(schedule.zone).date()
    candidates = _candidates(
        schedule, now=now, min_notice=min_notice, horizon=horizon, only_day=day
    )
    return next((slot for slot in candidates if slot.starts_at == starts_at), None)


def is_free(slot: Slot, busy: Iterable[Slot], buffer: timedelta) -> bool:
    return not _Blocked(busy, buffer).clashes(slot)


def _candidates(
    schedule: Schedule,
    *,
    now: datetime,
    min_notice: timedelta,
    horizon: timedelta,
    only_day: date | None = None,
) -> Iterator[Slot]:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    earliest = now + min_notice
    latest = now + horizon
    step = schedule.meeting + schedule.buffer
    first_day = earliest.astimezone(schedule.zone).date()
    last_day = latest.astimezone(schedule.zone).date()
    days = [only_day] if only_day is not None else _days(first_day, last_day)
    for day in days:
        for window_start, window_end in _windows(schedule, day):
            starts_at = window_start
            while starts_at + schedule.meeting <= window_end:
                if earliest <= starts_at <= latest:
                    yield Slot(starts_at, starts_at + schedule.meeting)
                starts_at += step


class _Blocked:
    """Busy intervals widened by the buffer on both sides and merged, so whether a slot
    clashes is one binary search instead of a look at every meeting."""

    def __init__(self, busy: Iterable[Slot], buffer: timedelta) -> None:
        merged: list[list[datetime]] = []
        for interval in sorted(busy):
            start, end = interval.starts_at - buffer, interval.ends_at + buffer
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def clashes(self, slot: Slot) -> bool:
        # The last block starting before the slot ends is the only one that can overlap it.
        index = bisect_left(self._starts, slot.ends_at) - 1
        return index >= 0 and self._ends[index] > slot.starts_at


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _windows(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """The day's availability as UTC instants; a date override replaces the weekly hours."""
    overrides = [override for override in schedule.overrides if override.day == day]
    if overrides:
        if any(override.starts is None or override.ends is None for override in overrides):
            return []  # a holiday or an absence closes the whole day
        hours = [(override.starts, override.ends) for override in overrides]
    else:
        hours = [(w.starts, w.ends) for w in schedule.weekly if w.weekday == day.weekday()]
    return sorted(
        (_instant(day, starts, schedule.zone), _instant(day, ends, schedule.zone))
        for starts, ends in hours
        if starts is not None and ends is not None
    )


def _instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a date. Times in the spring-forward gap and
    the repeated autumn hour resolve as PEP 495 says for fold=0 (the earlier offset)."""
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)
