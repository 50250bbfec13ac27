"""What the result page says about the contract horizon: an unknown or call-off horizon has
its own words, never the time-pressure sentence."""

from __future__ import annotations

import pytest

from assessment.entrypoints.pages.result_page import horizon_note
from assessment.entrypoints.pages.ui_texts import HORIZON_NOTES


@pytest.mark.parametrize(
    ("horizon", "time_pressure", "note"),
    [
        ("2027_2029", True, "time_pressure"),
        ("2030_2032", False, None),
        ("unknown", True, "horizon_unknown"),  # 2026.1 flagged "unknown" (t 1.1)
        ("unknown", False, "horizon_unknown"),
        ("call_off", False, "horizon_call_off"),
        (None, True, "time_pressure"),  # answers without the item: the flag alone
    ],
)
def test_the_horizon_note(horizon: str | None, time_pressure: bool, note: str | None) -> None:
    assert horizon_note(horizon, time_pressure=time_pressure) == note


@pytest.mark.parametrize(
    ("key", "german", "english", "dutch"),
    [
        (
            "horizon_unknown",
            "Die Laufzeit Ihrer Hauptverträge ist offen",
            "is not known",
            "De looptijd van uw belangrijkste contracten is onbekend",
        ),
        (
            "horizon_call_off",
            "auf Abruf ohne Serienvertrag",
            "call-off orders",
            "U levert op afroep zonder seriecontract",
        ),
    ],
)
def test_the_horizon_notes_are_worded_in_each_language(
    in_language, key: str, german: str, english: str, dutch: str
) -> None:
    for language, words in (("de", german), ("en", english), ("nl", dutch)):
        with in_language(language):
            assert words in str(HORIZON_NOTES[key])
