"""When a company's booked meeting starts, as its result page says it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext

from wording.formatting import clock, mail_date
from wording.languages import Language


def meeting_time(meeting: dict[str, Any], language: Language) -> str | None:
    """When the booked meeting starts, in the cluster's time zone, as people write it."""
    if meeting["status"] == "none":
        return None
    starts = datetime.fromisoformat(meeting["starts_at"])
    # Translators: a meeting's day and time of day, e.g. "24.03.2026 um 09:00 Uhr".
    return gettext("%(day)s at %(time)s", day=mail_date(starts, language), time=clock(starts))
