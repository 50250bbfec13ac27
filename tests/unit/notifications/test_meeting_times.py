"""How a meeting's time reads in German, English and Dutch on both sides of a clock change; the
expected strings are written out by hand (Berlin is UTC+1 in winter, UTC+2 in summer)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from notifications.domain.times import meeting_when

BERLIN = "Europe/Berlin"


@pytest.mark.parametrize(
    ("starts_at", "language", "expected"),
    [
        # Saturday before the spring switch: winter time.
        (
            datetime(2027, 3, 27, 8, 0, tzinfo=UTC),
            "de",
            "Samstag, 27. März 2027, 09:00–10:00 Uhr (MEZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
        ),
        # The switch day, after 02:00: summer time.
        (
            datetime(2027, 3, 28, 7, 0, tzinfo=UTC),
            "de",
            "Sonntag, 28. März 2027, 09:00–10:00 Uhr (MESZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
        ),
        (
            datetime(2027, 3, 28, 7, 0, tzinfo=UTC),
            "en",
            "Sunday, 28 March 2027, 09:00–10:00 (CEST, time zone Europe/Berlin)",  # noqa: RUF001
        ),
        # Saturday before the autumn switch: still summer time.
        (
            datetime(2027, 10, 30, 8, 0, tzinfo=UTC),
            "de",
            "Samstag, 30. Oktober 2027, 10:00–11:00 Uhr (MESZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
        ),
        # The switch day, after 03:00: winter time again.
        (
            datetime(2027, 10, 31, 9, 0, tzinfo=UTC),
            "de",
            "Sonntag, 31. Oktober 2027, 10:00–11:00 Uhr (MEZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
        ),
        (
            datetime(2027, 10, 31, 9, 0, tzinfo=UTC),
            "en",
            "Sunday, 31 October 2027, 10:00–11:00 (CET, time zone Europe/Berlin)",  # noqa: RUF001
        ),
        (
            datetime(2027, 10, 31, 9, 0, tzinfo=UTC),
            "nl",
            "zondag 31 oktober 2027, 10:00–11:00 uur (CET, tijdzone Europe/Berlin)",  # noqa: RUF001
        ),
    ],
)
def test_a_meeting_reads_in_berlin_wall_clock_time_with_the_zone_of_its_day(
    starts_at: datetime, language: str, expected: str
):
    ends_at = starts_at.replace(hour=starts_at.hour + 1)

    assert meeting_when(starts_at, ends_at, BERLIN, language) == expected


def test_an_hour_across_the_spring_switch_ends_two_wall_clock_hours_later():
    # 00:30 UTC is 01:30 MEZ; an hour later, 01:30 UTC, the clocks show 03:30 MESZ.
    starts_at = datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    ends_at = datetime(2027, 3, 28, 1, 30, tzinfo=UTC)

    assert meeting_when(starts_at, ends_at, BERLIN, "de") == (
        "Sonntag, 28. März 2027, 01:30–03:30 Uhr (MEZ, Zeitzone Europe/Berlin)"  # noqa: RUF001
    )


def test_a_zone_without_a_german_abbreviation_keeps_its_own_in_german():
    starts_at = datetime(2027, 7, 1, 8, 0, tzinfo=UTC)
    ends_at = datetime(2027, 7, 1, 9, 0, tzinfo=UTC)

    assert meeting_when(starts_at, ends_at, "Europe/London", "de") == (
        "Donnerstag, 1. Juli 2027, 09:00–10:00 Uhr (BST, Zeitzone Europe/London)"  # noqa: RUF001
    )
