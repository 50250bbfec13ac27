"""Meeting times as people read them, in the meeting's zone and always with the zone named
(a confirmation that says "10:00" without a zone is how people arrive an hour early).
Days, clocks and zone names are wording's, as everywhere else; the words around them are
this package's catalogue's, in the reader's language (a page's or a mail's)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from wording.catalogues import Catalogues
from wording.formatting import clock, weekday_date, zone_abbreviation

_WORDS = Catalogues.of_packages("notifications")


def local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))


def hours(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """From start to end on the meeting's clock, with an en dash between."""
    return f"{clock(starts_at, ZoneInfo(zone))}–{clock(ends_at, ZoneInfo(zone))}"  # noqa: RUF001


def meeting_when(starts_at: datetime, ends_at: datetime, zone: str, language: str) -> str:
    """E.g. "Donnerstag, 3. Dezember 2026, 10:00–11:00 Uhr (MEZ, Zeitzone Europe/Berlin)"."""  # noqa: RUF002
    day = weekday_date(local(starts_at, zone).date(), language)
    span = hours(starts_at, ends_at, zone)
    abbreviation = zone_abbreviation(starts_at, language, ZoneInfo(zone))
    # Translators: "Thursday, 3 December 2026, 10:00-11:00 (CET, time zone Europe/Berlin)";
    # German and Dutch name the hour after the clock ("Uhr", "uur").
    words = _WORDS.translations(language).gettext(
        "%(day)s, %(hours)s (%(zone)s, time zone %(zone_name)s)"
    )
    return words % {"day": day, "hours": span, "zone": abbreviation, "zone_name": zone}
