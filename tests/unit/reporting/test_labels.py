# ruff: noqa: RUF001 - the report writes ranges with an en dash on purpose.
"""The report's own labels in its reader's language."""

from __future__ import annotations

from reporting.domain.texts import ROADMAP_HORIZONS, pick


def test_a_label_in_the_reports_language_and_an_unknown_id_as_itself() -> None:
    assert pick(ROADMAP_HORIZONS, "project", "de") == "6–24 Monate: Projekte"
    assert pick(ROADMAP_HORIZONS, "project", "en") == "6–24 months: projects"
    assert pick(ROADMAP_HORIZONS, "moon_shot", "en") == "moon shot"
