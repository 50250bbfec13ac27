"""The product's languages: German by default, English and Dutch when asked for; a text
of data released before Dutch (2026.1) reads in German to a Dutch reader."""

from __future__ import annotations

import pytest

from assessment.domain.texts import LANGUAGES, LocalizedText
from wording.languages import LANGUAGES as WORDING_LANGUAGES


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "Energie"), ("en", "Energy"), ("nl", "Energie (nl)")]
)
def test_a_text_in_the_asked_language(language: str, expected: str) -> None:
    text = LocalizedText(de="Energie", en="Energy", nl="Energie (nl)")
    assert text.in_language(language) == expected


def test_a_text_without_dutch_reads_in_german_to_a_dutch_reader() -> None:
    text = LocalizedText(de="Kunden und Markt", en="Customers and market", nl=None)
    assert text.in_language("nl") == "Kunden und Markt"
    assert text.in_language("en") == "Customers and market"


def test_the_domain_speaks_the_languages_of_the_product() -> None:
    assert LANGUAGES == WORDING_LANGUAGES == ("de", "en", "nl")
