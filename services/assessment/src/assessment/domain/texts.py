"""Texts in the two languages of the product: German is the default, English alongside."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")


@dataclass(frozen=True)
class LocalizedText:
    de: str
    en: str

    def in_language(self, language: Language) -> str:
        return self.en if language == "en" else self.de
