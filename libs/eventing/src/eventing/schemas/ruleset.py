"""Events about the scoring ruleset itself (topic `assessment-events`)."""

from __future__ import annotations

from marshmallow import fields, validate

from eventing.schemas.base import EventSchema
from eventing.schemas.vocabulary import VocabularySchema


def _version() -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=50))


class FundingReviewSchema(EventSchema):
    """When a funding programme's facts were checked and must be checked again."""

    id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    ends_on = fields.Date(required=True, allow_none=True)  # null: open-ended
    verified_on = fields.Date(required=True)
    review_by = fields.Date(required=True)


class RulesetPublishedV1(EventSchema):
    """A ruleset the assessment service scores with, in the words it is told in, so that a
    reader can name classes, levels, dimensions and districts before any assessment arrives."""

    ruleset_version = _version()
    questionnaire_version = _version()
    published_at = fields.AwareDateTime(required=True)
    vocabulary = fields.Nested(VocabularySchema, required=True)
    # Added within v1: the catalogue's review dates, so the desk lists for the cluster's
    # admins what is due for a check. Absent in events of the first v1.
    funding_reviews = fields.List(fields.Nested(FundingReviewSchema), required=False)
