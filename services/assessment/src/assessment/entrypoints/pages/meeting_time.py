"""When a company's booked meeting starts, as its result page says it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assessment.domain.texts import Language
from servicekit.cluster_time import CLUSTER_ZONE


def meeting_time(meeting: dict[str, Any], language: Language) -> str | None:
    """When the booked meeting starts, in the cluster's time zone, as people write it."""
    if meeting["status"] == "none":
        return None
    starts = datetime.fromisoformat(meeting["starts_at"]).astimezone(CLUSTER_ZONE)
    if language == "de":
        return starts.strftime("%d.%m.%Y um %H:%M Uhr")
    return starts.strftime("%d %B %Y at %H:%M")
