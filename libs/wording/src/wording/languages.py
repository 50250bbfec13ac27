"""The languages Wegweiser writes in. German is the cluster's own and the default; English
for advisors and companies who work in it; Dutch for the Bavarian-Dutch exchange."""

from __future__ import annotations

from typing import Literal, TypeGuard

Language = Literal["de", "en", "nl"]
LANGUAGES: tuple[Language, ...] = ("de", "en", "nl")
DEFAULT_LANGUAGE: Language = "de"
# The language the texts are written in in the code (gettext's message ids); the others
# are translations of it, in each package's catalogues.
SOURCE_LANGUAGE: Language = "en"


def is_language(value: object) -> TypeGuard[Language]:
    return value in LANGUAGES


def language_or_default(value: object) -> Language:
    """`value` if Wegweiser writes in it, else German: an unknown code is not an error."""
    return value if is_language(value) else DEFAULT_LANGUAGE
