"""Reading the vocabulary `assessment.scored` and `ruleset.published` carry: the ruleset's
names of classes, levels, dimensions, revenue categories and districts, and its thresholds.

Consumers render these names and keep no copy of them, so the page, the PDF and the mails
of one assessment say the same words. An event from before the vocabulary was added to v1
carries none: then every lookup answers with the id itself, so a mail or a report still goes
out (with ids where the names would be) instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Section = Literal[
    "classes",
    "exposure_levels",
    "readiness_levels",
    "priority_levels",
    "dimensions",
    "categories",
    "districts",
    "employee_bands",
]
SECTIONS: tuple[Section, ...] = get_args(Section)
Names = Mapping[str, str]  # language -> words


@dataclass(frozen=True)
class Method:
    """How the scores were made: the weights of exposure's parts and of the readiness
    dimensions, and below which score a dimension is a gap and a critical gap."""

    exposure_weights: Mapping[str, float]
    readiness_weights: Mapping[str, float]
    gap_below: float
    critical_below: float


@dataclass(frozen=True)
class ClassThresholds:
    """Exposure at or above `exposure_from` is high; readiness likewise."""

    exposure_from: float
    readiness_from: float


@dataclass(frozen=True)
class Vocabulary:
    """Names by section and id, in the ruleset's order. Build it with `of`."""

    document: Mapping[str, Any] = field(default_factory=dict)  # as the event carries it
    _entries: Mapping[Section, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Mapping[str, Any] | None) -> Vocabulary:
        """The vocabulary of an event's `vocabulary` field; None (an older producer) gives
        the empty one, which names everything by its id."""
        if not document:
            return cls()
        entries = {
            section: {entry["id"]: entry for entry in document.get(section) or ()}
            for section in SECTIONS
        }
        return cls(document, entries)

    def ids(self, section: Section) -> tuple[str, ...]:
        return tuple(self._entries.get(section, {}))

    def name(self, section: Section, entry_id: str, language: str) -> str:
        entry = self._entries.get(section, {}).get(entry_id)
        if entry is None:
            return entry_id
        names: Names = entry["title"] if section == "dimensions" else entry["name"]
        return _in(names, language) or entry_id

    def text(self, section: Section, entry_id: str, language: str) -> str | None:
        """A class's or level's explanation, if the ruleset wrote one."""
        texts: Names | None = self._entries.get(section, {}).get(entry_id, {}).get("text")
        return None if texts is None else _in(texts, language)

    def dimension_level(self, dimension_id: str, level_id: str, language: str) -> str:
        """A dimension's level, named on the scale of the dimension's kind (the exposure
        and readiness scales reuse no ids, but priority's "mittel" is not exposure's)."""
        kind = self._entries.get("dimensions", {}).get(dimension_id, {}).get("kind")
        scale: Section = "exposure_levels" if kind == "exposure" else "readiness_levels"
        return self.name(scale, level_id, language)

    def dimensions_of(self, kind: str) -> tuple[str, ...]:
        return tuple(
            dimension_id
            for dimension_id, entry in self._entries.get("dimensions", {}).items()
            if entry["kind"] == kind
        )

    def exposure_class(self, category_id: str) -> str | None:
        entry = self._entries.get("categories", {}).get(category_id)
        return None if entry is None else str(entry["exposure_class"])

    def exposure_classes(self) -> tuple[str, ...]:
        """The categories' exposure classes in the ruleset's order of its categories (most
        exposed first)."""
        classes = (
            entry["exposure_class"] for entry in self._entries.get("categories", {}).values()
        )
        return tuple(dict.fromkeys(classes))

    @property
    def method(self) -> Method | None:
        method = self.document.get("method")
        if method is None:
            return None
        return Method(
            exposure_weights=dict(method["exposure_weights"]),
            readiness_weights=dict(method["readiness_weights"]),
            gap_below=method["gap_below"],
            critical_below=method["critical_below"],
        )

    @property
    def class_thresholds(self) -> ClassThresholds | None:
        thresholds = self.document.get("class_thresholds")
        if thresholds is None:
            return None
        return ClassThresholds(thresholds["exposure_from"], thresholds["readiness_from"])


def _in(names: Names, language: str) -> str | None:
    """The words in `language`; German where a ruleset older than that language lacks it."""
    return names.get(language) or names.get("de")
