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


def format_number(value: float, language: Language) -> str:
    """95.0 -> "95"; 99.6 -> "99,6" in German and "99.6" in English."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "de" else text
