"""The report's own labels in its reader's language."""

from __future__ import annotations

from reporting.domain.texts import CONTRACT_HORIZONS, pick


def test_a_label_in_the_reports_language_and_an_unknown_id_as_itself() -> None:
    assert pick(CONTRACT_HORIZONS, "unknown", "de") == "unbekannt"
    assert pick(CONTRACT_HORIZONS, "unknown", "en") == "unknown"
    assert pick(CONTRACT_HORIZONS, "after_2040", "en") == "after 2040"
