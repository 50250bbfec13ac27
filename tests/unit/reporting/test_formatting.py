"""Numbers, dates and labels in the report as a German or an English reader writes them."""

from __future__ import annotations

from datetime import date

import pytest

from reporting.domain.formatting import long_date, number, short_date
from reporting.domain.texts import CONTRACT_HORIZONS, pick


@pytest.mark.parametrize(
    ("value", "language", "digits", "expected"),
    [
        (1234567.25, "de", 1, "1.234.567,2"),
        (1234567.25, "en", 1, "1,234,567.2"),
        (1234.5, "de", 0, "1.234"),
        (95.0, "en", 0, "95"),
        (0.125, "de", 2, "0,12"),
    ],
)
def test_numbers_use_the_readers_separators(
    value: float, language: str, digits: int, expected: str
) -> None:
    assert number(value, language, digits) == expected


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("de", "3. Dezember 2026", "03.12.2026"), ("en", "3 December 2026", "2026-12-03")],
)
def test_dates_in_the_readers_form(language: str, long: str, short: str) -> None:
    assert long_date(date(2026, 12, 3), language) == long
    assert short_date(date(2026, 12, 3), language) == short


def test_a_label_in_the_reports_language_and_an_unknown_id_as_itself() -> None:
    assert pick(CONTRACT_HORIZONS, "unknown", "de") == "unbekannt"
    assert pick(CONTRACT_HORIZONS, "unknown", "en") == "unknown"
    assert pick(CONTRACT_HORIZONS, "after_2040", "en") == "after 2040"
