"""Numbers, dates and times as the reader writes them, from Babel's locale data, so nothing
depends on the process's locale (`strftime("%B")` named months in whatever language the
server was set to) and a further language is a locale away.

Every text a person reads formats through here; a language Wegweiser does not write in is
written as German, the cluster's own.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from wording.cluster_time import CLUSTER_ZONE

_LOCALES = {"de": "de_DE", "en": "en_GB", "nl": "nl_NL"}
# Dates in tables and notes: the German and Dutch numeric forms; English readers get ISO,
# which no reader on either side of the Atlantic misreads.
_SHORT_DATES = {"de": "dd.MM.yyyy", "en": "yyyy-MM-dd", "nl": "dd-MM-yyyy"}
_WEEKDAY_DATES = {"de": "EEEE, d. MMMM y", "en": "EEEE, d MMMM y", "nl": "EEEE d MMMM y"}
# German readers know the zones by their German names.
_ZONE_NAMES_DE = {"CET": "MEZ", "CEST": "MESZ"}


def _locale(language: str) -> str:
    return _LOCALES.get(language, _LOCALES["de"])


def number(value: float, language: str, digits: int = 0) -> str:
    """`1234.5` -> "1.234,5" (de) or "1,234.5" (en), with exactly `digits` decimals."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def compact_number(value: float, language: str) -> str:
    """Up to two decimals, none that are zero: 95.0 -> "95", 99.6 -> "99,6" (de)."""
    return format_decimal(value, format="#,##0.##", locale=_locale(language))


def score(value: float, language: str) -> str:
    """A 0-100 score with one decimal: "12,5" (de), "12.5" (en)."""
    return number(value, language, 1)


def long_date(day: date, language: str) -> str:
    """In running text: "9. März 2026", "9 March 2026", "9 maart 2026"."""
    return format_date(day, "long", locale=_locale(language))


def short_date(day: date, language: str) -> str:
    """In tables and notes: "09.03.2026", "2026-03-09", "09-03-2026"."""
    pattern = _SHORT_DATES.get(language, _SHORT_DATES["de"])
    return format_date(day, pattern, locale=_locale(language))


def weekday_date(day: date, language: str) -> str:
    """A day to meet on: "Montag, 9. März 2026", "Monday, 9 March 2026"."""
    pattern = _WEEKDAY_DATES.get(language, _WEEKDAY_DATES["de"])
    return format_date(day, pattern, locale=_locale(language))


def mail_date(instant: datetime, language: str) -> str:
    """The cluster's day of an instant as a mail names it: numeric to German readers
    ("07.12.2026"), in words to the others ("7 December 2026")."""
    day = local_day(instant)
    return short_date(day, language) if language == "de" else long_date(day, language)


def local_day(instant: datetime, zone: ZoneInfo = CLUSTER_ZONE) -> date:
    """The day an instant falls on where the reader is (the cluster, unless told)."""
    return instant.astimezone(zone).date()


def clock(instant: datetime, zone: ZoneInfo = CLUSTER_ZONE) -> str:
    """The time of day on a 24-hour clock, as every one of our languages writes it: "09:30"."""
    return format_time(instant.astimezone(zone), "HH:mm", locale="de_DE")


def zone_abbreviation(instant: datetime, language: str, zone: ZoneInfo = CLUSTER_ZONE) -> str:
    """The zone's name at that instant: "MEZ"/"MESZ" to German readers, "CET"/"CEST" else."""
    name = instant.astimezone(zone).tzname() or str(zone)
    return _ZONE_NAMES_DE.get(name, name) if _locale(language) == _LOCALES["de"] else name
