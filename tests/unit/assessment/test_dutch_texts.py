"""Questionnaire 2026.2 in Dutch: every text has real Dutch, not a copy of another language;
2026.1, released before Dutch, still loads and reads in German to a Dutch reader."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from assessment.domain import load_version
from assessment.domain.texts import LocalizedText

# Up to this many words a text may read the same in two languages: "Tier 2", "ERP",
# "Coburg", "Embedded software", a range of percent.
_SHORT = 3


def _texts(value: Any, path: str) -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText inside a loaded questionnaire, with where it is."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for index, element in enumerate(value):
            name = getattr(element, "id", index)
            yield from _texts(element, f"{path}[{name}]")


TEXTS_2026_2 = list(_texts(load_version("2026.2")[0], "questionnaire"))


def test_the_walk_finds_every_text() -> None:
    # dimensions 2 each, likert 5, unknown 1, items 2 each, options, hints and glossary
    assert len(TEXTS_2026_2) == 410


@pytest.mark.parametrize(("path", "text"), TEXTS_2026_2, ids=[path for path, _ in TEXTS_2026_2])
def test_every_text_of_2026_2_is_in_dutch(path: str, text: LocalizedText) -> None:
    assert text.nl is not None, path
    assert text.nl.strip(), path
    if len(text.en.split()) > _SHORT:
        assert text.nl != text.en, f"{path} is English in Dutch"
    if len(text.de.split()) > _SHORT:
        assert text.nl != text.de, f"{path} is German in Dutch"


def test_a_dutch_reader_reads_the_questionnaire_in_dutch() -> None:
    questionnaire = load_version("2026.2")[0]
    item = questionnaire.item("energy.carbon_accounting")
    assert item.text.in_language("nl") == "Hoe ver is uw CO₂-boekhouding?"
    assert [entry.text.in_language("nl") for entry in item.glossary][1] == (
        "Product Carbon Footprint: de CO₂-uitstoot van één product, van de grondstoffen "
        "tot aan uw fabriekspoort."
    )
    assert questionnaire.dimension("strategy").title.in_language("nl") == (
        "Strategie en bedrijfsmodel"
    )
    assert questionnaire.unknown_label.in_language("nl") == "Weet ik niet / zeg ik liever niet"


def test_2026_1_still_loads_and_reads_in_german_to_a_dutch_reader() -> None:
    questionnaire, ruleset = load_version("2026.1")
    assert all(text.nl is None for _, text in _texts(questionnaire, "questionnaire"))
    item = questionnaire.item("energy.carbon_accounting")
    assert item.text.in_language("nl") == "Wie weit ist Ihre CO₂-Bilanzierung?"
    assert ruleset.version == "2026.1"
