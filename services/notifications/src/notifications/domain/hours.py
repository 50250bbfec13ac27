"""Opening hours as people type them: "09:00-12:00, 13:00-16:30" (an empty field: none).

Pure parsing and formatting; the forms put the ValueError's message next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time
from itertools import pairwise

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})$")
MAX_RANGES = 6

Hours = list[tuple[time, time]]


def parse_hours(text: str) -> Hours:
    """Sorted, non-overlapping (start, end) ranges; raises ValueError with a German message."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > MAX_RANGES:
        raise ValueError(f"Höchstens {MAX_RANGES} Zeiträume pro Tag.")
    ranges = sorted(_parse_range(part) for part in parts)
    for (_, previous_end), (start, _) in pairwise(ranges):
        if start < previous_end:
            raise ValueError("Die Zeiträume überschneiden sich.")
    return ranges


def format_hours(ranges: Sequence[tuple[time, time]]) -> str:
    return ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in ranges)


def _parse_range(part: str) -> tuple[time, time]:
    match = _RANGE.match(part)
    if match is None:
        raise ValueError(f"„{part[:20]}“ ist kein Zeitraum wie 09:00-12:00.")
    start_h, start_m, end_h, end_m = (int(value) for value in match.groups())
    if start_h > 23 or end_h > 23 or start_m > 59 or end_m > 59:
        raise ValueError(f"„{part}“ enthält keine gültige Uhrzeit.")
    start, end = time(start_h, start_m), time(end_h, end_m)
    if end <= start:
        raise ValueError(f"In „{part}“ liegt das Ende nicht nach dem Beginn.")
    return start, end
