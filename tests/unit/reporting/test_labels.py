# ruff: noqa: RUF001 - the report writes ranges with an en dash on purpose.
"""The report's own words in its reader's language, from the reporting catalogues."""

from __future__ import annotations

import pytest

from reporting.adapters.document_html import report_translations
from reporting.domain.texts import ROADMAP_HORIZONS, Reader


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "6–24 Monate: Projekte"),
        ("en", "6–24 months: projects"),
        ("nl", "6–24 maanden: projecten"),
        ("fr", "6–24 Monate: Projekte"),  # a language we do not write in: German
    ],
)
def test_a_label_in_the_reports_language(language: str, expected: str) -> None:
    assert report_translations(language).gettext(ROADMAP_HORIZONS["project"]) == expected


def test_placeholders_are_filled_and_a_percent_sign_is_written_once() -> None:
    reader = Reader("nl", report_translations("nl"))

    assert reader.gettext("Owner: %(value)s", value="directie") == "Verantwoordelijk: directie"
    assert reader.gettext("Customers above 5 %% of revenue") == (
        "Klanten met meer dan 5 % omzetaandeel"
    )
