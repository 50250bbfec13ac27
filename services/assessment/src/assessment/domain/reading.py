"""Reading the versioned JSON data with errors that name the bad entry.

A broken questionnaire or ruleset must stop the service at start-up with a message a
maintainer can act on, e.g. "ruleset 2026.1: catalogue.funding[3] (digitalbonus_bayern):
ends_on '2027-13-01' is not a date".

Every text is an object with one entry per language. Dutch came with version 2026.2; data
released before it (questionnaire and ruleset 2026.1) stays as it was, and a Dutch reader
reads its texts in German. So each file says which languages its texts must have
(`languages_from`); from 2026.2 on a text without Dutch stops the start:
"questionnaire 2026.2: items[3] (portfolio.revenue_split).why: nl is missing ...".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, NoReturn, TypeVar

from assessment.domain.texts import LANGUAGES, Language, LocalizedText

# The same shapes the events check (eventing.schemas.base), so every id fits an event.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
ITEM_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")
MAX_ID_LENGTH = 64
_URL_PATTERN = re.compile(r"^https?://[^\s/]+(/\S*)?$")
_VERSION_PATTERN = re.compile(r"^(\d+)\.(\d+)$")
WITHOUT_DUTCH: tuple[Language, ...] = ("de", "en")


Choice = TypeVar("Choice", bound=str)


class CatalogueError(ValueError):
    """Versioned data (questionnaire or ruleset) that cannot be used."""


class QuestionnaireError(CatalogueError):
    """The questionnaire data is broken; the message names the entry."""


class RulesetError(CatalogueError):
    """The ruleset data is broken; the message names the entry."""


def languages_from(version: object, dutch_since: tuple[int, int]) -> tuple[Language, ...]:
    """The languages every text of a data file of `version` must have: all of them from
    `dutch_since` on, German and English before. An unreadable version needs all; its own
    check then names it."""
    match = _VERSION_PATTERN.match(version) if isinstance(version, str) else None
    if match and (int(match[1]), int(match[2])) < dutch_since:
        return WITHOUT_DUTCH
    return LANGUAGES


class Node:
    """One value inside a data file, with the path that leads to it."""

    __slots__ = ("_error", "_key", "_languages", "_owner", "_parent", "value")

    def __init__(
        self,
        value: Any,
        owner: str,
        error: type[CatalogueError] = CatalogueError,
        parent: str = "",
        key: str = "",
        *,
        languages: tuple[Language, ...],
    ) -> None:
        self.value = value
        self._owner = owner
        self._error = error
        self._parent = parent
        self._key = key
        self._languages = languages

    @property
    def path(self) -> str:
        if not self._parent:
            return self._key
        separator = "" if self._key.startswith("[") else "."
        return f"{self._parent}{separator}{self._key}"

    def fail(self, detail: str) -> NoReturn:
        where = f"{self._parent}: {self._key}" if self._parent else self._key
        raise self._error(
            f"{self._owner}: {where} {detail}" if where else f"{self._owner}: {detail}"
        )

    def labelled(self, label: str) -> Node:
        """The same node, named by its id in later messages: `funding[3] (zim)`."""
        return Node(
            self.value,
            self._owner,
            self._error,
            self._parent,
            f"{self._key} ({label})",
            languages=self._languages,
        )

    def _child(self, key: str, value: Any) -> Node:
        return Node(value, self._owner, self._error, self.path, key, languages=self._languages)

    # -- containers -------------------------------------------------------------------

    def fields(self, required: Iterable[str], optional: Iterable[str] = ()) -> Node:
        """Check this is an object with exactly the allowed keys; return self."""
        if not isinstance(self.value, dict):
            self.fail("is not an object")
        required, allowed = set(required), set(required) | set(optional)
        for key in sorted(required - self.value.keys()):
            self._child(key, None).fail("is missing")
        for key in sorted(self.value.keys() - allowed):
            self._child(key, None).fail("is not an expected key")
        return self

    def get(self, key: str) -> Node:
        if not isinstance(self.value, dict):
            self.fail("is not an object")
        if key not in self.value:
            self._child(key, None).fail("is missing")
        return self._child(key, self.value[key])

    def maybe(self, key: str) -> Node | None:
        if not isinstance(self.value, dict):
            self.fail("is not an object")
        return self._child(key, self.value[key]) if key in self.value else None

    def entries(self) -> Iterator[tuple[str, Node]]:
        """The key/value pairs of an object, in file order."""
        if not isinstance(self.value, dict):
            self.fail("is not an object")
        for key, value in self.value.items():
            yield key, self._child(key, value)

    def elements(self, *, min_length: int = 0) -> list[Node]:
        if not isinstance(self.value, list):
            self.fail("is not a list")
        if len(self.value) < min_length:
            self.fail(f"needs at least {min_length} entries")
        return [self._child(f"[{index}]", value) for index, value in enumerate(self.value)]

    # -- scalars ----------------------------------------------------------------------

    def text(self, max_length: int = 2000) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail(f"{self.value!r} is not a non-empty text")
        if len(self.value) > max_length:
            self.fail(f"is longer than {max_length} characters")
        return self.value

    def localized(self, max_length: int = 2000) -> LocalizedText:
        if isinstance(self.value, dict) and "nl" in self._languages and "nl" not in self.value:
            self._child("nl", None).fail(
                "is missing: from this version on every text needs Dutch (nl)"
            )
        self.fields(required=self._languages, optional=LANGUAGES)
        dutch = self.maybe("nl")
        return LocalizedText(
            de=self.get("de").text(max_length),
            en=self.get("en").text(max_length),
            nl=dutch.text(max_length) if dutch else None,
        )

    def identifier(self) -> str:
        value = self.value
        if not isinstance(value, str) or len(value) > MAX_ID_LENGTH or not ID_PATTERN.match(value):
            self.fail(f"{value!r} is not an id (a-z, 0-9, _; at most {MAX_ID_LENGTH} characters)")
        return value

    def item_id(self) -> str:
        if not isinstance(self.value, str) or not ITEM_ID_PATTERN.match(self.value):
            self.fail(f"{self.value!r} is not an item id like 'portfolio.revenue_split'")
        return self.value

    def number(self, minimum: float | None = None, maximum: float | None = None) -> float:
        value = self.value
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(f"{value!r} is not a number")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.fail(f"{value!r} is outside {minimum}..{maximum}")
        return float(value)

    def integer(self, minimum: int | None = None, maximum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"{self.value!r} is not a whole number")
        return int(self.number(minimum, maximum))

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"{self.value!r} is not true or false")
        return self.value

    def iso_date(self) -> date:
        try:
            return date.fromisoformat(self.value)
        except (TypeError, ValueError):
            self.fail(f"{self.value!r} is not a date")

    def url(self) -> str:
        if not isinstance(self.value, str) or not _URL_PATTERN.match(self.value):
            self.fail(f"{self.value!r} is not an http(s) URL")
        return self.value

    def one_of(self, allowed: Iterable[Choice]) -> Choice:
        """The value, which must be one of `allowed` (typed as they are: a Literal stays one)."""
        choices = tuple(allowed)
        for choice in choices:
            if self.value == choice:
                return choice
        self.fail(f"{self.value!r} is not one of {', '.join(choices)}")


def unique_ids(nodes: Iterable[Node], read_id: str = "id") -> list[tuple[str, Node]]:
    """Read the `id` of each list element, refuse duplicates, label nodes by their id."""
    seen: set[str] = set()
    result = []
    for node in nodes:
        identifier = node.get(read_id).identifier() if read_id else node.identifier()
        if identifier in seen:
            node.fail(f"repeats the id {identifier!r}")
        seen.add(identifier)
        result.append((identifier, node.labelled(identifier)))
    return result
