"""Numbers, dates and times as a reader of each language writes them, wherever the server
runs and whatever its locale."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from wording.formatting import (
    clock,
    compact_number,
    local_day,
    long_date,
    mail_date,
    number,
    score,
    short_date,
    weekday_date,
    zone_abbreviation,
)


@pytest.mark.parametrize(
    ("value", "language", "digits", "expected"),
    [
        (1234567.25, "de", 1, "1.234.567,2"),
        (1234567.25, "en", 1, "1,234,567.2"),
        (1234567.25, "nl", 1, "1.234.567,2"),
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
    ("value", "language", "expected"),
    [(95.0, "de", "95"), (99.6, "de", "99,6"), (99.6, "en", "99.6"), (0.25, "de", "0,25")],
)
def test_compact_numbers_lose_trailing_zeros(value: float, language: str, expected: str) -> None:
    assert compact_number(value, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("de", ("12,5", "100,0")), ("en", ("12.5", "100.0"))]
)
def test_a_score_has_one_decimal(language: str, expected: tuple[str, str]) -> None:
    assert (score(12.5, language), score(100, language)) == expected


@pytest.mark.parametrize(
    ("language", "long", "short", "weekday"),
    [
        ("de", "3. Dezember 2026", "03.12.2026", "Donnerstag, 3. Dezember 2026"),
        ("en", "3 December 2026", "2026-12-03", "Thursday, 3 December 2026"),
        ("nl", "3 december 2026", "03-12-2026", "donderdag 3 december 2026"),
    ],
)
def test_dates_in_the_readers_form(language: str, long: str, short: str, weekday: str) -> None:
    day = date(2026, 12, 3)
    assert (long_date(day, language), short_date(day, language)) == (long, short)
    assert weekday_date(day, language) == weekday


def test_a_language_we_do_not_write_in_is_written_as_german() -> None:
    assert long_date(date(2026, 3, 9), "fr") == "9. März 2026"
    assert number(1234.5, "fr", 1) == "1.234,5"


def test_day_clock_and_zone_are_the_clusters_across_the_change_to_summer_time() -> None:
    # 29 March 2026: German clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
    before, after = (
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
    )
    assert (clock(before), clock(after)) == ("01:30", "03:30")
    assert [zone_abbreviation(t, "de") for t in (before, after)] == ["MEZ", "MESZ"]
    assert [zone_abbreviation(t, "en") for t in (before, after)] == ["CET", "CEST"]
    assert [zone_abbreviation(t, "nl") for t in (before, after)] == ["CET", "CEST"]
    assert [zone_abbreviation(t, "fr") for t in (before, after)] == ["MEZ", "MESZ"]
    # 23:30 UTC on New Year's Eve is already the new year in Bamberg.
    assert local_day(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)


def test_a_mail_names_the_clusters_day_numeric_in_german_and_in_words_in_english() -> None:
    late_evening = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # already 7 December in Bamberg
    assert mail_date(late_evening, "de") == "07.12.2026"
    assert mail_date(late_evening, "en") == "7 December 2026"
