"""Times on the advisor desk and in the report mails name the zone as the booking pages do:
MEZ/MESZ to German readers, CET/CEST to English and Dutch ones. Expected strings are written out by
hand (Berlin is UTC+1 in winter, UTC+2 in summer)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from notifications.domain.formatting import local_time

SUMMER = datetime(2026, 7, 15, 8, 30, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("instant", "language", "expected"),
    [
        (SUMMER, "de", "15.07.2026, 10:30 Uhr (MESZ)"),
        (WINTER, "de", "15.01.2026, 09:30 Uhr (MEZ)"),
        (SUMMER, "en", "15 July 2026, 10:30 (CEST)"),
        (WINTER, "en", "15 January 2026, 09:30 (CET)"),
        (SUMMER, "nl", "15 juli 2026, 10:30 uur (CEST)"),
        (WINTER, "nl", "15 januari 2026, 09:30 uur (CET)"),
    ],
)
def test_an_instant_reads_in_berlin_time_with_the_zone_as_booking_names_it(
    instant: datetime, language: str, expected: str
):
    assert local_time(instant, language) == expected
