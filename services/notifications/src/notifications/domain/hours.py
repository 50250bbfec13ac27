"""Opening hours as people type them: "09:00-12:00, 13:00-16:30" (an empty field: none).

Pure parsing and formatting; the forms put the refusal's message, translated, next to the
field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time
from itertools import pairwise

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})$")
MAX_RANGES = 6

Hours = list[tuple[time, time]]


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "a message, translated later"
    return message


class HoursRefused(ValueError):
    """Hours that do not parse: `message` is a gettext message id (English), with `values`
    for its placeholders; whoever shows it translates it into the reader's language."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message % values)
        self.message = message
        self.values = values


def parse_hours(text: str) -> Hours:
    """Sorted, non-overlapping (start, end) ranges; raises HoursRefused."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > MAX_RANGES:
        raise HoursRefused(N_("At most %(count)s time ranges per day."), count=MAX_RANGES)
    ranges = sorted(_parse_range(part) for part in parts)
    for (_, previous_end), (start, _) in pairwise(ranges):
        if start < previous_end:
            raise HoursRefused(N_("The time ranges overlap."))
    return ranges


def format_hours(ranges: Sequence[tuple[time, time]]) -> str:
    return ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in ranges)


def _parse_range(part: str) -> tuple[time, time]:
    match = _RANGE.match(part)
    if match is None:
        raise HoursRefused(N_('"%(text)s" is not a time range like 09:00-12:00.'), text=part[:20])
    start_h, start_m, end_h, end_m = (int(value) for value in match.groups())
    if start_h > 23 or end_h > 23 or start_m > 59 or end_m > 59:
        raise HoursRefused(N_('"%(text)s" does not contain a valid time of day.'), text=part)
    start, end = time(start_h, start_m), time(end_h, end_m)
    if end <= start:
        raise HoursRefused(N_('In "%(text)s" the end is not after the start.'), text=part)
    return start, end
