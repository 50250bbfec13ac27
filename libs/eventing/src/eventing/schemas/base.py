"""Building blocks shared by the event schemas."""

from __future__ import annotations

from collections.abc import Sequence

from marshmallow import EXCLUDE, Schema, fields, validate

# Stable ids from the questionnaire, ruleset and catalogues: `ice_fuel_injection`, `50_249`.
ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
# Questionnaire item ids: `<dimension>.<item>`, e.g. `portfolio.revenue_split`.
ITEM_ID_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$"


class EventSchema(Schema):
    """Base of every event (and nested) schema: a tolerant reader drops unknown fields.

    Strictness on the producing side comes from the codec, which rejects data that does
    not survive a dump/load round trip unchanged (unknown or mistyped fields).
    """

    class Meta:
        unknown = EXCLUDE


def language() -> fields.String:
    # Dutch added within v1 (additive): readers choose their words by it and fall back to
    # German for a language they do not write in.
    return fields.String(required=True, validate=validate.OneOf(["de", "en", "nl"]))


def score_value(*, allow_none: bool = False) -> fields.Float:
    """A 0-100 score as the methodology defines them."""
    return fields.Float(
        required=True, allow_none=allow_none, validate=validate.Range(min=0, max=100)
    )


def identifier(*, required: bool = True) -> fields.String:
    return fields.String(
        required=required,
        allow_none=not required,
        validate=[validate.Length(min=1, max=64), validate.Regexp(ID_PATTERN)],
    )


def choice(options: Sequence[str]) -> fields.String:
    return fields.String(required=True, validate=validate.OneOf(options))


def bounded_text(max_length: int, *, required: bool = True) -> fields.String:
    return fields.String(
        required=required,
        allow_none=not required,
        validate=validate.Length(min=1, max=max_length),
    )


def web_url(*, required: bool = True) -> fields.Url:
    # require_tld=False: dev and test systems link to 127.0.0.1 and localhost.
    return fields.Url(
        required=required,
        allow_none=not required,
        require_tld=False,
        schemes={"http", "https"},
        validate=validate.Length(max=2000),
    )
