"""Times as mails and the desk show them: a day and a clock with the zone named, as the
booking pages and their mails name it (MEZ/MESZ to German readers), so desk and mail never
disagree. Scores, dates and clocks themselves are wording's; the names of classes, levels,
dimensions and districts are the ruleset's (see `adapters/vocabularies.py`)."""

from __future__ import annotations

from datetime import datetime

from wording.catalogues import Catalogues
from wording.formatting import clock, mail_date, zone_abbreviation

_WORDS = Catalogues.of_packages("notifications")


def local_time(value: datetime, language: str) -> str:
    """ "07.12.2026, 10:00 Uhr (MEZ)" or "7 December 2026, 10:00 (CET)", in the cluster's zone."""
    day = mail_date(value, language)
    # Translators: "7 December 2026, 10:00 (CET)"; German and Dutch name the hour after the
    # clock ("Uhr", "uur").
    words = _WORDS.translations(language).gettext("%(day)s, %(hours)s (%(zone)s)")
    return words % {"day": day, "hours": clock(value), "zone": zone_abbreviation(value, language)}
