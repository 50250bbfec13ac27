"""Meeting times as people read them, in the meeting's zone and always with the zone named
(a confirmation that says "10:00" without a zone is how people arrive an hour early).

German and English month and day names come from here, not from the process locale, which
a container rarely has set.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# German readers know the Central European abbreviations in German.
_ZONE_ABBREVIATIONS_DE = {"CET": "MEZ", "CEST": "MESZ"}


def local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))


def day_label(day: date, language: str) -> str:
    """E.g. "Donnerstag, 3. Dezember 2026" or "Thursday, 3 December 2026"."""
    weekday = _WEEKDAYS[language][day.weekday()]
    month = _MONTHS[language][day.month - 1]
    if language == "de":
        return f"{weekday}, {day.day}. {month} {day.year}"
    return f"{weekday}, {day.day} {month} {day.year}"


def clock(instant: datetime, zone: str) -> str:
    return local(instant, zone).strftime("%H:%M")


def zone_abbreviation(instant: datetime, zone: str, language: str) -> str:
    name = local(instant, zone).tzname() or zone
    return _ZONE_ABBREVIATIONS_DE.get(name, name) if language == "de" else name


def meeting_when(starts_at: datetime, ends_at: datetime, zone: str, language: str) -> str:
    """E.g. "Donnerstag, 3. Dezember 2026, 10:00-11:00 Uhr (MEZ, Zeitzone Europe/Berlin)"."""
    day = day_label(local(starts_at, zone).date(), language)
    hours = f"{clock(starts_at, zone)}–{clock(ends_at, zone)}"  # noqa: RUF001 - an en dash
    abbreviation = zone_abbreviation(starts_at, zone, language)
    if language == "de":
        return f"{day}, {hours} Uhr ({abbreviation}, Zeitzone {zone})"
    return f"{day}, {hours} ({abbreviation}, time zone {zone})"
