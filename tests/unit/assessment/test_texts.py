"""The product's two languages: German by default, English when asked for."""

from __future__ import annotations

import pytest

from assessment.domain.texts import LocalizedText


@pytest.mark.parametrize(("language", "expected"), [("de", "Energie"), ("en", "Energy")])
def test_a_text_in_the_asked_language(language: str, expected: str) -> None:
    assert LocalizedText(de="Energie", en="Energy").in_language(language) == expected
