"""Numbers and dates as a German or English reader writes them."""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def number(value: float, language: str, digits: int = 0) -> str:
    """`1234.5` -> `1.234,5` (de) or `1,234.5` (en); whole numbers lose no digit."""
    text = f"{value:,.{digits}f}"
    if language == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def long_date(day: date, language: str) -> str:
    month = _MONTHS[language][day.month - 1]
    return f"{day.day}. {month} {day.year}" if language == "de" else f"{day.day} {month} {day.year}"


def short_date(day: date, language: str) -> str:
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()
