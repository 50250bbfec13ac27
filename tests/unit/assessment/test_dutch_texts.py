"""Questionnaire and ruleset 2026.2 in Dutch: every text has real Dutch, not a copy of another
language; 2026.1, released before Dutch, still loads and reads in German to a Dutch reader."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import pytest

from assessment.domain import RulesetError, load_ruleset, load_version
from assessment.domain.texts import LocalizedText

# Up to this many words a text may read the same in two languages: "Tier 2", "ERP",
# "Coburg", "Embedded software", a range of percent.
_SHORT = 3


def _texts(value: Any, path: str) -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText inside a loaded questionnaire or ruleset, with where it is."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, Mapping):
        for key, element in value.items():
            yield from _texts(element, f"{path}.{key}")
    elif isinstance(value, tuple):
        for index, element in enumerate(value):
            name = getattr(element, "id", index)
            yield from _texts(element, f"{path}[{name}]")


TEXTS_2026_2 = list(_texts(load_version("2026.2")[0], "questionnaire")) + list(
    _texts(load_version("2026.2")[1], "ruleset")
)


def test_the_walk_finds_every_text() -> None:
    questionnaire = [path for path, _ in TEXTS_2026_2 if path.startswith("questionnaire")]
    # dimensions 2 each, likert 5, unknown 1, items 2 each, options, hints and glossary
    assert len(questionnaire) == 410
    # every {"de", "en", "nl"} object of the file: levels, level and class texts, priority,
    # eligibility reasons and the catalogue's measures, technologies, education, partners,
    # programmes and agenda points
    assert len(TEXTS_2026_2) - len(questionnaire) == 289


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


def test_a_dutch_reader_reads_the_ruleset_in_dutch() -> None:
    ruleset = load_version("2026.2")[1]
    assert ruleset.classes.rules["A"].name.in_language("nl") == "Dringend actie nodig"
    assert ruleset.readiness_levels.levels[3].name.in_language("nl") == "Koploper"
    zim = next(entry for entry in ruleset.catalogue.funding if entry.id == "zim")
    assert zim.name.in_language("nl") == "Centraal Innovatieprogramma voor het mkb (ZIM)"
    assert zim.rate.in_language("nl") == (
        "Subsidie; individuele projecten tot € 690.000, samenwerkingsprojecten tot € 560.000 "
        "subsidiabele kosten per bedrijf"
    )


def _packaged_2026_2(name: str) -> Any:
    folder = resources.files("assessment").joinpath("rulesets", "2026.2")
    return json.loads(folder.joinpath(name).read_text(encoding="utf-8"))


def test_a_ruleset_text_of_2026_2_without_dutch_stops_the_start() -> None:
    raw = _packaged_2026_2("ruleset.json")
    del raw["catalogue"]["funding"][1]["rate"]["nl"]
    with pytest.raises(RulesetError) as raised:
        load_ruleset(raw, load_version("2026.2")[0])
    assert str(raised.value) == (
        "ruleset 2026.2: catalogue.funding[1] (zim).rate: nl is missing: "
        "from this version on every text needs Dutch (nl)"
    )


def test_2026_1_still_loads_and_reads_in_german_to_a_dutch_reader() -> None:
    questionnaire, ruleset = load_version("2026.1")
    assert all(text.nl is None for _, text in _texts(questionnaire, "questionnaire"))
    item = questionnaire.item("energy.carbon_accounting")
    assert item.text.in_language("nl") == "Wie weit ist Ihre CO₂-Bilanzierung?"
    assert ruleset.version == "2026.1"
    assert all(text.nl is None for _, text in _texts(ruleset, "ruleset"))
    assert ruleset.classes.rules["A"].name.in_language("nl") == "Akuter Handlungsbedarf"
