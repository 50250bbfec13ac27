"""The words of the company pages that stand for a key the stored result carries (a funding
note, a measure's detail or horizon, the note on the contract horizon). Every other word of
the pages is in their templates; all of them are messages of the assessment catalogue."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext, lazy_gettext

from eventing.schemas.assessment import FundingNote, MeasureDetail
from eventing.schemas.assessment import funding_notes as stored_funding_notes
from servicekit.languages import current_language
from wording.formatting import short_date

_FUNDING_NOTES: dict[FundingNote, Callable[[str], str]] = {
    "funding_ends": lambda day: gettext("runs until %(date)s", date=day),
    "funding_ending_soon": lambda day: gettext("ends on %(date)s", date=day),
    "programme_as_of": lambda day: gettext("as of %(date)s", date=day),
}

MEASURE_DETAILS: dict[MeasureDetail, Callable[[str], str]] = {
    "measure_owner": lambda value: gettext("Owner: %(value)s", value=value),
    "measure_effort": lambda value: gettext("Effort: %(value)s", value=value),
    "measure_funding": lambda value: gettext("Funding: %(value)s", value=value),
}

MEASURE_HORIZONS = {
    "quick_win": lazy_gettext("quick win"),
    "project": lazy_gettext("project"),
    "new_business_field": lazy_gettext("new business field"),
}

HORIZON_NOTES = {
    "time_pressure": lazy_gettext("Time pressure: your series contracts end soon."),
    "horizon_unknown": lazy_gettext(
        "The term of your main contracts is not known: clarify it first, as it decides how "
        "much time you have to transform."
    ),
    "horizon_call_off": lazy_gettext(
        "You deliver on call-off orders without a series contract: orders can stop at short "
        "notice. Secure follow-up business early."
    ),
}


def local_date(value: Any) -> str:
    """An ISO date as the reader writes it ("31.12.2027" in Bavaria); not a date: as it is."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return short_date(day, current_language())


def funding_notes(programme: Mapping[str, Any]) -> list[str]:
    """The result page's notes on a programme's dates, as decided when it was scored."""
    return [_FUNDING_NOTES[note](local_date(day)) for note, day in stored_funding_notes(programme)]
