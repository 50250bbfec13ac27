# ruff: noqa: RUF001 - the class is named after an en dash, as the page and PDF write it.
"""No consumer keeps its own copy of a name the events carry: reporting and notifications
render the vocabulary of `assessment.scored` / `ruleset.published`, so a name changed in
the ruleset changes on the page, in the PDF and in the mails alike.

The names checked are those every packaged ruleset publishes, in every language. A name
that is also an id of the vocabulary ("hoch", "mittel") cannot be told apart from the id a
consumer rightly compares with, and is left out. A single word counts in templates only as
a whole word of six letters or more; several words count wherever they appear.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessment.adapters.ruleset_published import ruleset_published
from assessment.domain.catalogue_loader import available_versions
from eventing.vocabulary import SECTIONS

pytestmark = pytest.mark.contract

ROOT = Path(__file__).resolve().parents[2]
CONSUMERS = ("reporting", "notifications")


def published_names() -> set[str]:
    names: set[str] = set()
    ids: set[str] = set()
    for version in available_versions():
        vocabulary = ruleset_published(version, datetime.now(UTC)).data["vocabulary"]
        for section in SECTIONS:
            for entry in vocabulary.get(section, ()):
                ids.add(entry["id"])
                for key in ("name", "title", "text"):
                    names.update(entry.get(key, {}).values())
    return names - ids


NAMES = published_names()


def _source_files(suffixes: tuple[str, ...]) -> Iterator[Path]:
    for consumer in CONSUMERS:
        for path in sorted((ROOT / "services" / consumer / "src").rglob("*")):
            if path.suffix in suffixes:
                yield path


def _copied_in_literal(literal: str) -> list[str]:
    return sorted(name for name in NAMES if literal == name or (" " in name and name in literal))


def _copied_in_template(text: str) -> list[str]:
    found = []
    for name in NAMES:
        if " " in name:
            if name in text:
                found.append(name)
        elif len(name) >= 6 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            found.append(name)
    return sorted(found)


def test_the_vocabulary_has_names_to_look_for():
    assert {"Akuter Handlungsbedarf", "Developer", "Personal und Qualifizierung"} <= NAMES


def test_no_consumer_source_holds_a_name_the_events_carry():
    copies = {}
    for path in _source_files((".py",)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found = _copied_in_literal(node.value)
                if found:
                    copies[f"{path.relative_to(ROOT)}:{node.lineno}"] = found
    assert copies == {}


def test_no_consumer_template_or_data_file_holds_a_name_the_events_carry():
    copies = {}
    for path in _source_files((".html", ".txt", ".json")):
        found = _copied_in_template(path.read_text(encoding="utf-8"))
        if found:
            copies[str(path.relative_to(ROOT))] = found
    assert copies == {}


@pytest.mark.parametrize(
    ("text", "copied"),
    [
        ("Klasse A – Akuter Handlungsbedarf", ["Akuter Handlungsbedarf"]),
        ("Stufe: Entwickler", ["Entwickler"]),
        ("Entwicklerin", []),  # a longer word is not the name
        ("sehr hoch", ["sehr hoch"]),
    ],
)
def test_a_copy_is_found_as_a_name_or_a_whole_word(text: str, copied: list[str]):
    assert _copied_in_template(text) == copied
