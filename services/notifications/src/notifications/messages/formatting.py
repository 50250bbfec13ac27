"""Scores and times as mails and the desk show them, in German and English.

The names of classes, levels, dimensions and districts are the ruleset's: they come with
the events (see `adapters/vocabularies.py`), not from here.
"""

from __future__ import annotations

from datetime import datetime

from notifications.booking.times import clock, zone_abbreviation
from wording.cluster_time import CLUSTER_ZONE, CLUSTER_ZONE_NAME

LANGUAGES = ("de", "en")
# The cluster's clocks: every time in a mail or on the desk is shown as Bamberg sees it.


def score(value: float, language: str) -> str:
    """A 0-100 score with one decimal, with a decimal comma in German."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "de" else text


def local_time(value: datetime, language: str) -> str:
    """An instant as a clock in Bamberg shows it, with the zone named as the booking pages
    and their mails name it (MEZ/MESZ to German readers), so desk and mail never disagree."""
    day = local_date(value, language)
    hours, zone = (
        clock(value, CLUSTER_ZONE_NAME),
        zone_abbreviation(value, CLUSTER_ZONE_NAME, language),
    )
    if language == "de":
        return f"{day}, {hours} Uhr ({zone})"
    return f"{day}, {hours} ({zone})"


def local_date(value: datetime, language: str) -> str:
    local = value.astimezone(CLUSTER_ZONE)
    return local.strftime("%d.%m.%Y") if language == "de" else local.strftime("%d %B %Y")
