"""What the result page says about the contract horizon and distress: an unknown or
call-off horizon has its own words, never the time-pressure sentence."""

from __future__ import annotations

import pytest

from assessment.entrypoints.pages.result_page import horizon_note
from assessment.entrypoints.pages.ui_texts import ui_text


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
    ("key", "german", "english"),
    [
        ("horizon_unknown", "Die Laufzeit Ihrer Hauptverträge ist offen", "is not known"),
        ("horizon_call_off", "auf Abruf ohne Serienvertrag", "call-off orders"),
        ("distress", "Angespannte wirtschaftliche Lage", "Strained economic situation"),
    ],
)
def test_the_new_notes_are_worded_in_german_and_english(
    key: str, german: str, english: str
) -> None:
    assert german in ui_text("de", key)
    assert english in ui_text("en", key)
