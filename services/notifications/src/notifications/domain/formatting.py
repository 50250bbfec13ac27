"""Times as mails and the desk show them: a day and a clock with the zone named, as the
booking pages and their mails name it (MEZ/MESZ to German readers), so desk and mail never
disagree. Scores, dates and clocks themselves are wording's; the names of classes, levels,
dimensions and districts are the ruleset's (see `adapters/vocabularies.py`)."""

from __future__ import annotations

from datetime import datetime

from wording.formatting import clock, mail_date, zone_abbreviation

LANGUAGES = ("de", "en")


def local_time(value: datetime, language: str) -> str:
    """ "07.12.2026, 10:00 Uhr (MEZ)" or "7 December 2026, 10:00 (CET)", in the cluster's zone."""
    day = mail_date(value, language)
    hours, abbreviation = clock(value), zone_abbreviation(value, language)
    if language == "de":
        return f"{day}, {hours} Uhr ({abbreviation})"
    return f"{day}, {hours} ({abbreviation})"
