"""Scores and times as mails and the desk show them, in German and English.

The names of classes, levels, dimensions and districts are the ruleset's: they come with
the events (see `adapters/vocabularies.py`), not from here. The zone is the caller's to
name (servicekit.cluster_time holds the cluster's), so this stays pure.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from notifications.domain.times import clock, zone_abbreviation

LANGUAGES = ("de", "en")


def score(value: float, language: str) -> str:
    """A 0-100 score with one decimal, with a decimal comma in German."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "de" else text


def local_time(value: datetime, zone: str, language: str) -> str:
    """An instant as a clock in `zone` shows it, with the zone named as the booking pages
    and their mails name it (MEZ/MESZ to German readers), so desk and mail never disagree."""
    day = local_date(value, zone, language)
    hours, abbreviation = clock(value, zone), zone_abbreviation(value, zone, language)
    if language == "de":
        return f"{day}, {hours} Uhr ({abbreviation})"
    return f"{day}, {hours} ({abbreviation})"


def local_date(value: datetime, zone: str, language: str) -> str:
    local = value.astimezone(ZoneInfo(zone))
    return local.strftime("%d.%m.%Y") if language == "de" else local.strftime("%d %B %Y")
