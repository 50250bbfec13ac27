"""Marshmallow schemas of the JSON API: request bodies load strictly (unknown fields are
refused, so nobody can set a status or a result by adding a field), responses document the
shapes for OpenAPI."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from assessment.adapters import tables
from assessment.domain import ids, load_current
from assessment.domain.answers import check_value
from assessment.domain.texts import LANGUAGES

# Choices of the profile come from the questionnaire that new assessments are started on.
_QUESTIONNAIRE, _ = load_current()
MAX_ANSWERS_PER_REQUEST = 200


def _options(item_id: str) -> list[str]:
    return list(_QUESTIONNAIRE.item(item_id).option_ids)


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


class StrictBoolean(fields.Boolean):
    """Only JSON true or false: "yes" or 1 is not a consent."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("Not a boolean (true or false).")
        return value


def _profile_text(item_id: str) -> fields.String:
    """A name or address of the profile, checked as the pages check it (check_value, which
    applies the mail layer's checks): both doors take and refuse the same."""
    item = _QUESTIONNAIRE.item(item_id)

    def check(value: str) -> None:
        errors = check_value(item, value)
        if errors:
            raise ValidationError([error.message.en for error in errors])

    format_ = {"format": "email"} if item.type == "email" else {}
    return fields.String(
        required=True,
        validate=check,
        metadata={"minLength": 1, "maxLength": item.max_length} | format_,
    )


class QuestionnaireQuerySchema(StrictSchema):
    lang = fields.String(load_default="de", validate=validate.OneOf(LANGUAGES))


class CompanySchema(StrictSchema):
    name = _profile_text("company.name")
    employees = fields.String(required=True, validate=validate.OneOf(_options(ids.EMPLOYEES)))
    revenue_band = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(_options(ids.REVENUE_BAND))
    )
    district = fields.String(required=True, validate=validate.OneOf(_options(ids.DISTRICT)))


class ContactSchema(StrictSchema):
    name = _profile_text("company.contact_name")
    email = _profile_text("company.contact_email")


class ConsentsSchema(StrictSchema):
    processing = StrictBoolean(
        required=True,
        validate=validate.Equal(
            True, error="Without consent to the processing we cannot evaluate the answers."
        ),
    )
    advisor_sharing = StrictBoolean(required=True)
    benchmarking = StrictBoolean(required=True)


class StartAssessmentSchema(StrictSchema):
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    company = fields.Nested(CompanySchema, required=True)
    contact = fields.Nested(ContactSchema, required=True)
    consents = fields.Nested(ConsentsSchema, required=True)


class AnswersSchema(StrictSchema):
    # Values are checked item by item against the questionnaire (answers.py of the domain).
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=100)),
        values=fields.Raw(allow_none=True),
        required=True,
        validate=validate.Length(max=MAX_ANSWERS_PER_REQUEST),
        metadata={
            "description": "item id -> a number, an option id, a list of option ids, "
            "an object category id -> percent, or null for 'weiß nicht'."
        },
    )


class CreatedSchema(Schema):
    id = fields.UUID(required=True)
    token = fields.String(
        required=True, metadata={"description": "Shown once; send as `Bearer` token."}
    )
    resume_url = fields.Url(required=True)


class AnswersSavedSchema(Schema):
    id = fields.UUID(required=True)
    status = fields.String(required=True)
    answers = fields.Dict(required=True)


class MovedSchema(AnswersSavedSchema):
    questionnaire_version = fields.String(
        required=True, metadata={"description": "The edition that now asks and scores"}
    )


class ScoreSchema(Schema):
    score = fields.Float(allow_none=True)
    level = fields.String(allow_none=True)


class ExposureResultSchema(ScoreSchema):
    parts = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True))
    dimensions = fields.Dict(keys=fields.String(), values=fields.Nested(ScoreSchema))


class ReadinessResultSchema(ScoreSchema):
    dimensions = fields.Dict(keys=fields.String(), values=fields.Nested(ScoreSchema))


class ResultSchema(Schema):
    class_ = fields.String(data_key="class", validate=validate.OneOf(["A", "B", "C", "D"]))
    exposure = fields.Nested(ExposureResultSchema)
    readiness = fields.Nested(ReadinessResultSchema)
    priority = fields.Dict()
    confidence = fields.Float()
    flags = fields.Dict()
    top_gaps = fields.List(fields.Dict())
    growth_share = fields.Float()
    recommendations = fields.Dict()
    ruleset_version = fields.String()
    questionnaire_version = fields.String()
    scored_at = fields.AwareDateTime()


class ReportStatusSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf([tables.REPORT_PENDING, tables.REPORT_READY, tables.REPORT_FAILED]),
    )
    download_url = fields.Url(metadata={"description": "Once ready: a signed, expiring link."})
    pages = fields.Integer(allow_none=True)


class MeetingStatusSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(
            [tables.MEETING_NONE, tables.MEETING_BOOKED, tables.MEETING_CANCELLED]
        ),
    )
    id = fields.UUID(metadata={"description": "Unless the status is none."})
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()


class ResultWithFollowUpsSchema(ResultSchema):
    """The result as GET .../result shows it: with the report and the meeting so far."""

    report = fields.Nested(ReportStatusSchema, required=True)
    meeting = fields.Nested(MeetingStatusSchema, required=True)


class GlossaryEntrySchema(Schema):
    """A term of the question or its options with a one-line explanation."""

    term = fields.String(required=True)
    text = fields.String(required=True)


class QuestionnaireItemSchema(Schema):
    id = fields.String(required=True)
    dimension = fields.String(required=True)
    type = fields.String(required=True)
    text = fields.String(required=True)
    why = fields.String(required=True)
    required = fields.Boolean(required=True)
    allows_unknown = fields.Boolean(required=True)
    options = fields.List(fields.Dict(), required=True)
    min = fields.Float()
    max = fields.Float()
    integer = fields.Boolean()
    unit = fields.String()
    max_length = fields.Integer()
    show_if = fields.Dict()
    # Since ruleset 2026.2; absent where the question uses no jargon.
    glossary = fields.List(fields.Nested(GlossaryEntrySchema))


class QuestionnaireDocumentSchema(Schema):
    version = fields.String()
    language = fields.String()
    dimensions = fields.List(fields.Dict())
    items = fields.List(fields.Nested(QuestionnaireItemSchema))
    likert_labels = fields.List(fields.String())
    unknown_label = fields.String()
