"""Between HTML form fields and answers: what a posted form means for each item type, and
what each field shows again (a stored answer, or exactly what was typed).

Field names are the item ids; a split's shares are `<item id>:<category id>`; the "weiß
nicht" choice is the radio value `__unknown__` or the checkbox `<item id>:unknown`.
Anything that is not the expected shape is passed on as it was typed, so the domain's
validation (the same as the JSON API's) names the problem in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from assessment.domain import Item
from wording.formatting import compact_number
from wording.languages import Language

UNKNOWN = "__unknown__"
_RADIO_TYPES = {"single", "band", "likert", "ladder"}


class _Absent:
    """No answer on the form (an empty field): nothing to save."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


@dataclass
class FieldState:
    """What a field shows: `value` in form shape (text, option id, list, dict), `unknown`
    when "weiß nicht" is chosen."""

    value: Any = ""
    unknown: bool = False
    shares: dict[str, str] = field(default_factory=dict)


def unknown_key(item: Item) -> str:
    return f"{item.id}:unknown"


def share_key(item: Item, category: str) -> str:
    return f"{item.id}:{category}"


def read_field(item: Item, form: MultiDict[str, str]) -> tuple[FieldState, Any]:
    """The field's state as posted, and the answer it means (ABSENT when empty)."""
    if item.type == "consent":
        checked = form.get(item.id) == "yes"
        return FieldState(value=checked), checked
    if item.type == "multi":
        chosen = [option for option in form.getlist(item.id) if option]
        if item.allows_unknown and form.get(unknown_key(item)) == "yes":
            return FieldState(value=chosen, unknown=True), None
        return FieldState(value=chosen), chosen
    if item.type == "split":
        return _read_split(item, form)
    raw = form.get(item.id, "").strip()
    if item.type in _RADIO_TYPES:
        if raw == UNKNOWN:
            return FieldState(unknown=True), None
        if not raw:
            return FieldState(), ABSENT
        if item.type in {"likert", "ladder"}:
            return FieldState(value=raw), int(raw) if raw.isdecimal() else raw
        return FieldState(value=raw), raw
    if item.type == "number":
        if item.allows_unknown and form.get(unknown_key(item)) == "yes":
            return FieldState(value=raw, unknown=True), None
        return FieldState(value=raw), parse_number(raw) if raw else ABSENT
    # text, email: the exact text is kept; surrounding blanks are not part of a name.
    return FieldState(value=raw), raw if raw else ABSENT


def _read_split(item: Item, form: MultiDict[str, str]) -> tuple[FieldState, Any]:
    shares: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    for category in item.option_ids:
        raw = form.get(share_key(item, category), "").strip()
        shares[category] = raw
        if raw:
            parsed[category] = parse_number(raw)
    state = FieldState(shares=shares)
    return state, parsed if parsed else ABSENT


def parse_number(raw: str) -> Any:
    """ "12,5" and "12.5" are 12.5, "40" is 40; anything else stays text (an error later)."""
    text = raw.replace(" ", "").removesuffix("%")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return raw
    return int(number) if number.is_integer() else number


def stored_field(item: Item, answers: Mapping[str, Any], language: Language) -> FieldState:
    """The field's state from a saved answer."""
    if item.id not in answers:
        return FieldState(value=[] if item.type == "multi" else "")
    value = answers[item.id]
    if value is None:
        return FieldState(value=[] if item.type == "multi" else "", unknown=True)
    if item.type == "split":
        return FieldState(
            shares={category: _number_text(share, language) for category, share in value.items()}
        )
    if item.type == "number":
        return FieldState(value=_number_text(value, language))
    if item.type in {"likert", "ladder"}:
        return FieldState(value=str(value))
    return FieldState(value=value)


def _number_text(value: Any, language: Language) -> str:
    return compact_number(value, language) if isinstance(value, int | float) else str(value)
