"""The product's two languages: German by default, English when asked for."""

from __future__ import annotations

import pytest

from assessment.domain.texts import LocalizedText, format_number


@pytest.mark.parametrize(("language", "expected"), [("de", "Energie"), ("en", "Energy")])
def test_a_text_in_the_asked_language(language: str, expected: str) -> None:
    assert LocalizedText(de="Energie", en="Energy").in_language(language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(95.0, "de", "95"), (99.6, "de", "99,6"), (99.6, "en", "99.6"), (0.25, "de", "0,25")],
)
def test_numbers_lose_trailing_zeros_and_use_the_readers_decimal_mark(
    value: float, language: str, expected: str
) -> None:
    assert format_number(value, language) == expected
