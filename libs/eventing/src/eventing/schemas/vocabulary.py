"""The words an `assessment.scored` event is told in: names of classes, levels, dimensions
and revenue categories in every language, and the class thresholds, all from the ruleset
and questionnaire the assessment was scored with (part of `assessment.scored` v1)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema, bounded_text, choice, identifier, score_value

CLASSES = ("A", "B", "C", "D")


class NamesSchema(EventSchema):
    """A name or a short text in each language the services write in. Dutch came later
    (rulesets from 2026.2 carry it): a reader of Dutch gets German where it is missing."""

    de = bounded_text(500)
    en = bounded_text(500)
    nl = bounded_text(500, required=False)


def _names() -> fields.Nested:
    return fields.Nested(NamesSchema, required=True)


class ClassNameSchema(EventSchema):
    id = choice(CLASSES)
    name = _names()
    text = _names()


class ClassThresholdsSchema(EventSchema):
    """Exposure at or above `exposure_from` is high; readiness likewise (A: high, not ready)."""

    exposure_from = score_value()
    readiness_from = score_value()


def _weights() -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=50)),
        values=fields.Float(validate=validate.Range(min=0, max=1)),
        required=True,
        validate=validate.Length(min=1, max=20),
    )


class MethodSchema(EventSchema):
    """How the scores were made, as the report's methodology explains them: the weights of
    exposure's parts (`prod`, `cust`, `press`) and of the readiness dimensions, and below
    which score a dimension is a gap and a critical gap."""

    exposure_weights = _weights()
    readiness_weights = _weights()
    gap_below = score_value()
    critical_below = score_value()


class LevelNameSchema(EventSchema):
    id = identifier()
    minimum = score_value()  # the level runs from here up to the next one's minimum
    name = _names()
    # Added within v1: what the level means to a company (exposure and readiness levels).
    text = fields.Nested(NamesSchema, required=False)


class DimensionNameSchema(EventSchema):
    id = identifier()
    kind = choice(("exposure", "readiness"))
    title = _names()


class OptionNameSchema(EventSchema):
    """An answer option of the company profile, named as the questionnaire names it."""

    id = identifier()
    name = _names()


class CategoryNameSchema(EventSchema):
    id = identifier()
    name = _names()
    exposure_class = identifier()  # how hard the end of the combustion engine hits it


def _named(schema: type[EventSchema], most: int, *, required: bool = True) -> fields.List[Any]:
    return fields.List(
        fields.Nested(schema), required=required, validate=validate.Length(min=1, max=most)
    )


class VocabularySchema(EventSchema):
    """The ruleset's words and thresholds the scores are told in, in every language, so a
    reader renders what the event says and keeps no copy that could drift."""

    classes = _named(ClassNameSchema, len(CLASSES))
    class_thresholds = fields.Nested(ClassThresholdsSchema, required=True)
    exposure_levels = _named(LevelNameSchema, 10)
    readiness_levels = _named(LevelNameSchema, 10)
    priority_levels = _named(LevelNameSchema, 10)
    dimensions = _named(DimensionNameSchema, 20)
    categories = _named(CategoryNameSchema, 50)
    # Added within v1: events scored before it carry none.
    method = fields.Nested(MethodSchema, required=False)
    # Added within v1: the districts a company can be in (the questionnaire's).
    districts = _named(OptionNameSchema, 50, required=False)
    # Added within v1: the size bands a company can be in (the questionnaire's).
    employee_bands = _named(OptionNameSchema, 20, required=False)
