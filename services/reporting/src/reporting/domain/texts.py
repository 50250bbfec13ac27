# ruff: noqa: RUF001 - the report writes ranges with an en dash on purpose.
"""The report's own words, in its reader's language, from the reporting package's gettext
catalogues (`wording.catalogues`).

The texts an assessment carries itself (gap texts, recommendations, funding rows) come in
the assessment's language with the event, and the names of classes, levels and dimensions
in its vocabulary; these are the report's own words around them. Each is an English
message id, translated when the report is built for a reader; the ones the report chooses
by an id from the event are listed here, marked with `N_` for `make translations`.

Every message is a %-format (`%(name)s` placeholders, a literal percent sign written
`%%`), as the template's `{% trans %}` blocks are: one rule for translators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from wording.languages import Language


def N_(message: str) -> str:  # noqa: N802 - gettext's name for a marker
    """Marks `message` for extraction; it is translated where the report uses it."""
    return message


class Translations(Protocol):
    """A language's catalogue, as babel's `NullTranslations` and `Translations` are."""

    def gettext(self, message: str) -> str: ...


@dataclass(frozen=True)
class Reader:
    """Whom a report is written for: the language (of its dates and numbers and of the
    event's vocabulary) and the report's words translated into it."""

    language: Language
    translations: Translations

    def gettext(self, message: str, **values: object) -> str:
        """`message` in the reader's language with its placeholders filled in, as
        flask_babel's `gettext` does."""
        return self.translations.gettext(message) % values


# The bar's words for the ruleset's exposure classes of revenue categories (the event
# carries which category is in which class, not a name for the class).
EXPOSURE_CLASSES = {
    "ice_specific": N_("ICE-specific"),
    "high_medium": N_("strongly ICE-related"),
    "transition": N_("transition technology"),
    "neutral": N_("drive-independent"),
    "growth": N_("growth fields"),
    "non_automotive": N_("non-automotive"),
    # Since 2026.2: tooling, production equipment, automotive with unknown end use.
    "automotive_indirect": N_("indirectly drive-dependent"),
}

TIME_PRESSURE = N_("Your main contracts end before 2030: the time to transform is short.")
# Contract horizons whose key message is their own, not the time-pressure sentence.
HORIZON_MESSAGES = {
    "unknown": N_(
        "When your main contracts end is not known: clarify it first, as it decides how much "
        "time there is to transform."
    ),
    "call_off": N_(
        "You deliver on call-off orders without a series contract: orders can stop at short "
        "notice, so follow-up business should be secured early."
    ),
}

ROADMAP_HORIZONS = {
    "quick_win": N_("0–6 months: quick wins"),
    "project": N_("6–24 months: projects"),
    "new_business_field": N_("24+ months: new business field"),
}

BENCHMARK_BASIS = {
    "cohort": N_(
        "Peer group: median of %(members)s companies of the same size (%(band)s employees) and "
        "main segment (%(segment)s)."
    ),
    "region": N_(
        "Peer group: regional median of all %(members)s participating companies; your size "
        "band and segment do not have %(minimum)s assessments yet."
    ),
    "none": N_(
        "There are not yet %(minimum)s comparable assessments; the peer comparison is left out."
    ),
}

# The parts of the exposure E, as the event names them.
EXPOSURE_PARTS = {
    "prod": N_("Products"),
    "cust": N_("Customers"),
    "press": N_("Pressure (energy, workforce)"),
    "econ": N_("Economic situation"),
}

# What the roadmap notes of a measure, as `measure_details` names it.
MEASURE_DETAILS = {
    "measure_owner": N_("Owner: %(value)s"),
    "measure_effort": N_("Effort: %(value)s"),
    "measure_funding": N_("Funding: %(value)s"),
}

# What the funding table notes of a programme, as `funding_notes` names it.
FUNDING_NOTES = {
    "funding_ends": N_("runs until %(date)s"),
    "funding_ending_soon": N_("ends on %(date)s"),
    "programme_as_of": N_("as of %(date)s"),
}
