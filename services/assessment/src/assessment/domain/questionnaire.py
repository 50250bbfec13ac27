"""The questionnaire as data: dimensions, items, options and skip rules (methodology ids).

Answer shapes by item type (the JSON API's and the events' shapes):
  split            object category id -> percent, summing to 100 (± 0.5)
  single, band     option id
  multi            list of option ids (empty: none of them)
  likert           whole number 1..5
  ladder           whole number 0..n, the index of the rung (options list the rungs)
  number           number within min..max
  text, email      string (company profile only)
  consent          true / false (company profile only)
  null             "weiß nicht / keine Angabe", where the item allows it
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, get_args

from assessment.domain.reading import Node, QuestionnaireError, languages_from, unique_ids
from assessment.domain.texts import LANGUAGES, LocalizedText

ItemType = Literal[
    "split", "single", "band", "multi", "likert", "ladder", "number", "text", "email", "consent"
]
DimensionKind = Literal["profile", "exposure", "readiness"]
ITEM_TYPES: tuple[ItemType, ...] = get_args(ItemType)
DIMENSION_KINDS: tuple[DimensionKind, ...] = get_args(DimensionKind)
PROFILE_DIMENSION = "company"
# Every text in German, English and Dutch from this version on; 2026.1 has no Dutch.
DUTCH_SINCE = (2026, 2)
LIKERT_POINTS = 5
_WITH_OPTIONS = {"split", "single", "band", "multi", "ladder"}
_PROFILE_ONLY = {"text", "email", "consent"}


@dataclass(frozen=True)
class Option:
    id: str
    label: LocalizedText
    hint: LocalizedText | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A one-line explanation of a technical term the question or its options use."""

    term: str
    text: LocalizedText


@dataclass(frozen=True)
class Condition:
    """Holds when the item's answer names one of the ids (a split: a share above 0)."""

    item: str
    any_of: tuple[str, ...]

    def holds(self, value: Any) -> bool:
        if isinstance(value, str):
            return value in self.any_of
        if isinstance(value, list):
            return any(option in self.any_of for option in value)
        if isinstance(value, dict):
            # Runs before validation: a malformed share counts as no share, and validation
            # then reports it.
            return any(_positive(value.get(option)) for option in self.any_of)
        return False


def _positive(share: Any) -> bool:
    return isinstance(share, int | float) and not isinstance(share, bool) and share > 0


@dataclass(frozen=True)
class SkipRule:
    """The item is shown only if any of the conditions holds."""

    any: tuple[Condition, ...]

    def shows(self, answers: Mapping[str, Any]) -> bool:
        return any(condition.holds(answers.get(condition.item)) for condition in self.any)


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    type: ItemType
    text: LocalizedText
    why: LocalizedText
    options: tuple[Option, ...] = ()
    required: bool = False
    allows_unknown: bool = True
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None
    max_length: int | None = None
    show_if: SkipRule | None = None
    glossary: tuple[GlossaryEntry, ...] = ()

    # Cached: the validation and the scoring ask for these on every answer of every call.
    @cached_property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    @cached_property
    def option_set(self) -> frozenset[str]:
        """option_ids for membership tests."""
        return frozenset(self.option_ids)

    @cached_property
    def is_profile(self) -> bool:
        return self.dimension == PROFILE_DIMENSION


@dataclass(frozen=True)
class Dimension:
    id: str
    kind: DimensionKind
    title: LocalizedText
    intro: LocalizedText


@dataclass(frozen=True)
class Questionnaire:
    version: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    likert_labels: tuple[LocalizedText, ...]
    unknown_label: LocalizedText

    @cached_property
    def items_by_id(self) -> Mapping[str, Item]:
        return {item.id: item for item in self.items}

    def item(self, item_id: str) -> Item:
        return self.items_by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self.items_by_id

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def dimensions_of(self, kind: DimensionKind) -> tuple[Dimension, ...]:
        return tuple(dimension for dimension in self.dimensions if dimension.kind == kind)

    def items_of(self, dimension_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.dimension == dimension_id)

    @cached_property
    def _conditional_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.show_if is not None)

    def visible_items(self, answers: Mapping[str, Any]) -> tuple[Item, ...]:
        """The items to show (and score) given the answers so far, in questionnaire order."""
        # Only the few items with a skip rule can be hidden; often none is.
        hidden = {
            item.id
            for item in self._conditional_items
            if item.show_if is not None and not item.show_if.shows(answers)
        }
        if not hidden:
            return self.items
        return tuple(item for item in self.items if item.id not in hidden)

    def is_visible(self, item_id: str, answers: Mapping[str, Any]) -> bool:
        rule = self.item(item_id).show_if
        return rule is None or rule.shows(answers)


def load_questionnaire(data: Any) -> Questionnaire:
    """Build the questionnaire from its JSON data; raise QuestionnaireError naming a bad entry."""
    version = data.get("version") if isinstance(data, dict) else None
    root = Node(
        data,
        f"questionnaire {version}",
        QuestionnaireError,
        languages=languages_from(version, DUTCH_SINCE),
    )
    root.fields(required=("version", "dimensions", "items", "likert_labels", "unknown_label"))
    root.get("version").text(50)
    dimensions = tuple(
        Dimension(
            id=dimension_id,
            kind=node.get("kind").one_of(DIMENSION_KINDS),
            title=node.get("title").localized(200),
            intro=node.get("intro").localized(),
        )
        for dimension_id, node in unique_ids(
            node.fields(required=("id", "kind", "title", "intro"))
            for node in root.get("dimensions").elements(min_length=1)
        )
    )
    likert = tuple(node.localized(100) for node in root.get("likert_labels").elements())
    if len(likert) != LIKERT_POINTS:
        root.get("likert_labels").fail(f"needs exactly {LIKERT_POINTS} labels")
    items: list[Item] = []
    for node in root.get("items").elements(min_length=1):
        items.append(_read_item(node, {d.id for d in dimensions}, {i.id: i for i in items}))
    return Questionnaire(
        version=data["version"],
        dimensions=dimensions,
        items=tuple(items),
        likert_labels=likert,
        unknown_label=root.get("unknown_label").localized(100),
    )


_ITEM_FIELDS = ("id", "dimension", "type", "text", "why")
_ITEM_OPTIONAL = (
    "options", "required", "allows_unknown", "min", "max", "integer", "unit", "max_length",
    "show_if", "glossary",
)  # fmt: skip


def _read_item(node: Node, dimension_ids: set[str], earlier: dict[str, Item]) -> Item:
    node.fields(required=_ITEM_FIELDS, optional=_ITEM_OPTIONAL)
    item_id = node.get("id").item_id()
    if item_id in earlier:
        node.fail(f"repeats the id {item_id!r}")
    node = node.labelled(item_id)
    dimension = node.get("dimension").one_of(sorted(dimension_ids))
    if item_id.split(".")[0] != dimension:
        node.get("id").fail(f"does not start with its dimension {dimension!r}")
    item_type = node.get("type").one_of(ITEM_TYPES)
    if _flag(node, "required", default=False) and _flag(node, "allows_unknown", default=True):
        node.get("required").fail("is true, so allows_unknown must be false")
    if item_type in _PROFILE_ONLY and dimension != PROFILE_DIMENSION:
        node.get("type").fail(f"{item_type!r} is only for {PROFILE_DIMENSION}.* items")
    options = _read_options(node, item_type)
    minimum, maximum = _read_range(node, item_type)
    show_if = node.maybe("show_if")
    text = node.get("text").localized(500)
    glossary = node.maybe("glossary")
    return Item(
        id=item_id,
        dimension=dimension,
        type=item_type,
        text=text,
        why=node.get("why").localized(500),
        options=options,
        required=_flag(node, "required", default=False),
        allows_unknown=_flag(node, "allows_unknown", default=True),
        minimum=minimum,
        maximum=maximum,
        integer=_flag(node, "integer", default=False),
        unit=node.get("unit").identifier() if node.maybe("unit") else None,
        max_length=node.get("max_length").integer(1, 10_000) if node.maybe("max_length") else None,
        show_if=_read_skip_rule(show_if, earlier) if show_if else None,
        glossary=_read_glossary(glossary, text, options) if glossary else (),
    )


def _flag(node: Node, key: str, *, default: bool) -> bool:
    value = node.maybe(key)
    return value.boolean() if value else default


def _read_options(node: Node, item_type: str) -> tuple[Option, ...]:
    if item_type not in _WITH_OPTIONS:
        if node.maybe("options"):
            node.get("options").fail(f"are not used by a {item_type!r} item")
        return ()
    return tuple(
        Option(
            id=option_id,
            label=option.get("label").localized(200),
            hint=option.get("hint").localized(300) if option.maybe("hint") else None,
        )
        for option_id, option in unique_ids(
            option.fields(required=("id", "label"), optional=("hint",))
            for option in node.get("options").elements(min_length=2)
        )
    )


def _read_range(node: Node, item_type: str) -> tuple[float | None, float | None]:
    if item_type != "number":
        for key in ("min", "max", "integer"):
            if node.maybe(key):
                node.get(key).fail(f"is only for number items, not {item_type!r}")
        return None, None
    minimum, maximum = node.get("min").number(), node.get("max").number()
    if minimum >= maximum:
        node.get("max").fail(f"{maximum} is not above min {minimum}")
    return minimum, maximum


def _read_glossary(
    node: Node, text: LocalizedText, options: tuple[Option, ...]
) -> tuple[GlossaryEntry, ...]:
    """A hint must explain a term the reader sees, in every language: no orphaned hints."""
    entries: list[GlossaryEntry] = []
    for entry in node.elements(min_length=1):
        entry.fields(required=("term", "text"))
        term = entry.get("term").text(60)
        for language in LANGUAGES:
            shown = [text.in_language(language)]
            shown += [option.label.in_language(language) for option in options]
            if not any(term.casefold() in words.casefold() for words in shown):
                entry.get("term").fail(
                    f"{term!r} appears neither in the question nor in an option ({language})"
                )
        if any(earlier.term.casefold() == term.casefold() for earlier in entries):
            entry.get("term").fail(f"repeats {term!r}")
        entries.append(GlossaryEntry(term=term, text=entry.get("text").localized(300)))
    return tuple(entries)


def _read_skip_rule(node: Node, earlier: dict[str, Item]) -> SkipRule:
    conditions = []
    for condition in node.fields(required=("any",)).get("any").elements(min_length=1):
        condition.fields(required=("item", "any_of"))
        target_id = condition.get("item").item_id()
        target = earlier.get(target_id)
        if target is None:
            condition.get("item").fail(f"{target_id!r} is not an item asked before this one")
        if target.type not in {"split", "single", "band", "multi"}:
            condition.get("item").fail(f"{target_id!r} is a {target.type} item, not a choice")
        any_of = tuple(
            option.one_of(target.option_ids)
            for option in condition.get("any_of").elements(min_length=1)
        )
        conditions.append(Condition(item=target_id, any_of=any_of))
    return SkipRule(any=tuple(conditions))
