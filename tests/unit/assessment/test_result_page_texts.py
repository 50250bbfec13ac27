"""What the result page says about a funding programme's dates and a measure's details: only
what the scoring decided and stored, in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.entrypoints.pages.result_page import measure_details
from assessment.entrypoints.pages.ui_texts import funding_notes

# As the stored result keeps them: the scored event's wire form, dates as ISO strings.
OPEN_ENDED = {"ends_on": None, "verified_on": "2026-02-28", "review_by": "2026-12-31"}
ENDING = {"ends_on": "2026-12-31", "verified_on": "2026-02-28", "review_by": "2026-12-31"}
RUNNING = {"ends_on": "2027-12-31", "verified_on": "2026-02-28", "review_by": "2027-03-31"}
FLAGS = {"ending_soon": False, "review_overdue": False}


@pytest.mark.parametrize(
    ("programme", "german", "english", "dutch"),
    [
        (OPEN_ENDED | FLAGS, [], [], []),
        (
            RUNNING | FLAGS,
            ["läuft bis 31.12.2027"],
            ["runs until 2027-12-31"],
            ["loopt tot 31-12-2027"],
        ),
        (
            ENDING | FLAGS | {"ending_soon": True},
            ["läuft am 31.12.2026 aus"],
            ["ends on 2026-12-31"],
            ["loopt af op 31-12-2026"],
        ),
        (
            OPEN_ENDED | FLAGS | {"review_overdue": True},
            ["Stand: 28.02.2026"],
            ["as of 2026-02-28"],
            ["stand: 28-02-2026"],
        ),
        (
            RUNNING | {"ending_soon": True, "review_overdue": True},
            ["läuft am 31.12.2027 aus", "Stand: 28.02.2026"],
            ["ends on 2027-12-31", "as of 2026-02-28"],
            ["loopt af op 31-12-2027", "stand: 28-02-2026"],
        ),
        # Stored before the dates were split: valid_until may have been a review date.
        ({"valid_until": "2026-12-31"}, [], [], []),
    ],
    ids=["open-ended", "running", "ending soon", "past review", "both", "stored before"],
)
def test_funding_notes(
    in_language,
    programme: dict[str, Any],
    german: list[str],
    english: list[str],
    dutch: list[str],
) -> None:
    for language, notes in (("de", german), ("en", english), ("nl", dutch)):
        with in_language(language):
            assert funding_notes(programme) == notes


def test_a_measure_names_its_owner_effort_and_the_programme_that_pays_for_it(in_language) -> None:
    funding = [{"id": "zim", "name": "ZIM – Zentrales Innovationsprogramm Mittelstand"}]  # noqa: RUF001
    measure = {"owner": "Geschäftsführung", "effort": "2–4 Wochen", "funding": "zim"}  # noqa: RUF001

    with in_language("de"):
        assert measure_details(measure, funding) == (
            "Verantwortlich: Geschäftsführung · Aufwand: 2–4 Wochen · "  # noqa: RUF001
            "Förderung: ZIM – Zentrales Innovationsprogramm Mittelstand"  # noqa: RUF001
        )
        assert measure_details({}, funding) is None
    with in_language("en"):
        assert measure_details({"owner": "Management"}, funding) == "Owner: Management"
        # Own work names no programme; a 2026.1 measure has none of the three.
        assert measure_details({"effort": "1 day"}, funding) == "Effort: 1 day"
    with in_language("nl"):
        assert measure_details({"owner": "Directie", "funding": "zim"}, funding) == (
            "Verantwoordelijk: Directie · Subsidie: ZIM – Zentrales Innovationsprogramm Mittelstand"  # noqa: RUF001
        )
