"""When a company's booked meeting starts, as its result page says it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assessment.domain.texts import Language
from wording.formatting import clock, local_day, long_date, short_date


def meeting_time(meeting: dict[str, Any], language: Language) -> str | None:
    """When the booked meeting starts, in the cluster's time zone, as people write it."""
    if meeting["status"] == "none":
        return None
    starts = datetime.fromisoformat(meeting["starts_at"])
    if language == "de":
        return f"{short_date(local_day(starts), language)} um {clock(starts)} Uhr"
    return f"{long_date(local_day(starts), language)} at {clock(starts)}"
