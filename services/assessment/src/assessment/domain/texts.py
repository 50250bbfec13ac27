"""Texts in the product's languages (`wording.languages`): German, the default; English;
Dutch."""

from __future__ import annotations

from dataclasses import dataclass

from wording.languages import LANGUAGES, Language

__all__ = ["LANGUAGES", "Language", "LocalizedText"]


@dataclass(frozen=True)
class LocalizedText:
    de: str
    en: str
    # None only in versioned data released before Dutch (questionnaire and ruleset 2026.1,
    # the 2026.2 ruleset): a Dutch reader reads such a text in German, the cluster's
    # language, as the rulesets README decides.
    nl: str | None

    def in_language(self, language: Language) -> str:
        if language == "en":
            return self.en
        if language == "nl" and self.nl is not None:
            return self.nl
        return self.de
