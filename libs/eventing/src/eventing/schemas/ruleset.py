"""Events about the scoring ruleset itself (topic `assessment-events`)."""

from __future__ import annotations

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema
from eventing.schemas.vocabulary import VocabularySchema


def _version() -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=50))


class RulesetPublishedV1(EventSchema):
    """A ruleset the assessment service scores with, in the words it is told in, so that a
    reader can name classes, levels, dimensions and districts before any assessment arrives."""

    ruleset_version = _version()
    questionnaire_version = _version()
    published_at = fields.AwareDateTime(required=True)
    vocabulary = fields.Nested(VocabularySchema, required=True)
