"""Events of the assessment service (topic `assessment-events`).

Ids and bands follow `shared/domain/methodology.md`. Closed sets the scoring depends on are
checked with `OneOf`; catalogue ids (categories, options, measures) only by shape, because the
ruleset and catalogues are versioned data that may grow without a new event version.

One module for the service's event contract (a little over 350 lines): the parts of
`assessment.scored` are read together whenever the contract changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from marshmallow import ValidationError, fields, validate, validates_schema

from eventing.schemas.base import (
    ID_PATTERN,
    ITEM_ID_PATTERN,
    EventSchema,
    bounded_text,
    choice,
    identifier,
    language,
    score_value,
    web_url,
)
from eventing.schemas.vocabulary import CLASSES, VocabularySchema

# 250_999 is the band of 2026.1; 2026.2 splits it at the programmes' limits (400, 500).
EMPLOYEE_BANDS = ("lt50", "50_249", "250_999", "250_399", "400_499", "500_999", "ge1000")
DISTRICTS = (
    "bamberg_stadt",
    "bamberg_land",
    "forchheim",
    "coburg",
    "lichtenfels",
    "kronach",
    "hassberge",
    "bayreuth",
    "kulmbach",
    "hof",
    "wunsiedel",
    "other_bavaria",
    "outside_bavaria",
)
MAIN_SEGMENTS = ("passenger_cars", "commercial_vehicles", "off_highway", "two_wheelers")
# call_off (call-off orders without a series contract) since ruleset 2026.2.
CONTRACT_HORIZONS = ("before_2027", "2027_2029", "2030_2032", "after_2032", "call_off", "unknown")
# Levels by quarter of the 0-100 scale; the methodology names only the readiness ones.
READINESS_LEVELS = ("einsteiger", "entwickler", "fortgeschritten", "vorreiter")
EXPOSURE_LEVELS = ("gering", "mittel", "hoch", "sehr_hoch")
PRIORITY_LABELS = ("dringend", "hoch", "mittel", "niedrig")
ROADMAP_HORIZONS = ("quick_win", "project", "new_business_field")

_OPTION_ID = re.compile(ID_PATTERN)
_MAX_OPTIONS = 50


class AssessmentSubmittedV1(EventSchema):
    assessment_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    submitted_at = fields.AwareDateTime(required=True)
    language = language()
    questionnaire_version = fields.String(required=True, validate=validate.Length(min=1, max=50))


class AnswerValue(fields.Field[Any]):
    """One answer in its JSON shape, checked both ways (dump and load).

    A number, an option id, a list of option ids, an object category id -> percent, or
    null for "weiß nicht / keine Angabe" (missing, which the scoring never counts as 0).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_none=True, **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return _checked_answer(value)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        return _checked_answer(value)


def _checked_answer(value: Any) -> Any:
    if value is None or _is_number(value) or _is_option_id(value):
        return value
    if isinstance(value, list) and len(value) <= _MAX_OPTIONS and all(map(_is_option_id, value)):
        return value
    if (
        isinstance(value, dict)
        and len(value) <= _MAX_OPTIONS
        and all(_is_option_id(k) and _is_number(v) and 0 <= v <= 100 for k, v in value.items())
    ):
        return value
    raise ValidationError(
        "An answer is a number, an option id, a list of option ids, "
        "an object of option id -> percent, or null."
    )


def _is_number(value: Any) -> bool:
    # bool is an int in Python but not a number in an answer.
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= 1_000_000
    )


def _is_option_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 64 and _OPTION_ID.match(value) is not None


def _not_a_profile_item(item_id: str) -> None:
    # Profile and contact data travel once, in `company` and `contact`, never as answers.
    if item_id.startswith("company."):
        raise ValidationError("company.* items belong in `company` or `contact`.")


def _sums_to_100(split: dict[str, float]) -> None:
    if abs(sum(split.values()) - 100) > 0.5:
        raise ValidationError("The revenue split must sum to 100 %.")


class CompanyProfileSchema(EventSchema):
    name = bounded_text(200)
    employees = choice(EMPLOYEE_BANDS)
    revenue_band = identifier(required=False)
    district = choice(DISTRICTS)
    main_segment = choice(MAIN_SEGMENTS)
    core_technologies = fields.List(
        identifier(), required=True, validate=validate.Length(max=_MAX_OPTIONS)
    )


class ContactSchema(EventSchema):
    """The only personal data in the flow: notifications needs it to send mails."""

    name = bounded_text(200)
    email = fields.Email(required=True, validate=validate.Length(max=254))


class ConsentsSchema(EventSchema):
    advisor_sharing = fields.Boolean(required=True)
    benchmarking = fields.Boolean(required=True)


class ExposurePartsSchema(EventSchema):
    prod = score_value()
    # Null when every customer (or pressure) item was answered "weiß nicht": E re-weights.
    cust = score_value(allow_none=True)
    press = score_value(allow_none=True)
    # Added within v1 (ruleset 2026.2): the economic situation, which can only raise E;
    # absent before 2026.2 and when no economic item was answered.
    econ = fields.Float(required=False, validate=validate.Range(min=0, max=100))


class ExposureSchema(EventSchema):
    score = score_value()
    level = choice(EXPOSURE_LEVELS)
    parts = fields.Nested(ExposurePartsSchema, required=True)


class ReadinessSchema(EventSchema):
    score = score_value()
    level = choice(READINESS_LEVELS)


class DimensionSchema(EventSchema):
    id = identifier()
    kind = choice(("exposure", "readiness"))
    # None when every item of the dimension was answered "weiß nicht".
    score = score_value(allow_none=True)
    level = fields.String(
        required=True, allow_none=True, validate=validate.OneOf(EXPOSURE_LEVELS + READINESS_LEVELS)
    )

    @validates_schema
    def _level_fits_score_and_kind(self, data: dict[str, Any], **kwargs: Any) -> None:
        if (data["score"] is None) != (data["level"] is None):
            raise ValidationError("score and level are either both set or both null.")
        levels = EXPOSURE_LEVELS if data["kind"] == "exposure" else READINESS_LEVELS
        if data["level"] is not None and data["level"] not in levels:
            raise ValidationError(f"level must be one of {levels} for a {data['kind']} dimension.")


class PrioritySchema(EventSchema):
    score = score_value()
    label = choice(PRIORITY_LABELS)


class TopGapSchema(EventSchema):
    dimension = identifier()
    score = score_value()
    level = choice(EXPOSURE_LEVELS + READINESS_LEVELS)
    text = bounded_text(1000)


class ScoresSchema(EventSchema):
    exposure = fields.Nested(ExposureSchema, required=True)
    readiness = fields.Nested(ReadinessSchema, required=True)
    dimensions = fields.List(
        fields.Nested(DimensionSchema), required=True, validate=validate.Length(min=1, max=20)
    )
    # `class` is a Python keyword: the attribute keeps the wire name in the loaded dict.
    class_ = fields.String(
        data_key="class", attribute="class", required=True, validate=validate.OneOf(CLASSES)
    )
    priority = fields.Nested(PrioritySchema, required=True)
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))
    time_pressure = fields.Boolean(required=True)
    # Added within v1 (ruleset 2026.2): a loss with thin equity or sharply falling revenue,
    # which lifts E to the distress floor; absent for rulesets without the rule.
    distress = fields.Boolean(required=False)
    critical_gaps = fields.List(identifier(), required=True, validate=validate.Length(max=20))
    top_gaps = fields.List(
        fields.Nested(TopGapSchema), required=True, validate=validate.Length(max=3)
    )
    growth_share = score_value()
    timing_factor = fields.Float(required=True, validate=validate.Range(min=0, max=2))

    @validates_schema
    def _gaps_name_known_dimensions(self, data: dict[str, Any], **kwargs: Any) -> None:
        known = {dimension["id"] for dimension in data["dimensions"]}
        named = set(data["critical_gaps"]) | {gap["dimension"] for gap in data["top_gaps"]}
        if named - known:
            raise ValidationError(f"gaps name unknown dimensions: {sorted(named - known)}")


class ExposureProfileSchema(EventSchema):
    """What the report's exposure profile page shows besides the scores."""

    revenue_split = fields.Dict(
        keys=identifier(),
        values=fields.Float(validate=validate.Range(min=0, max=100)),
        required=True,
        validate=[validate.Length(min=1, max=_MAX_OPTIONS), _sums_to_100],
    )
    contract_horizon = choice(CONTRACT_HORIZONS)


class RecommendationSchema(EventSchema):
    id = identifier()
    title = bounded_text(200)
    text = bounded_text(2000, required=False)


class MeasureSchema(RecommendationSchema):
    """`owner`, `effort` and `funding` (the id of the entry in `funding` that pays for it)
    were added within v1 for ruleset 2026.2; earlier measures carry none of them."""

    dimension = identifier()
    horizon = choice(ROADMAP_HORIZONS)
    owner = bounded_text(100, required=False)
    effort = bounded_text(100, required=False)
    funding = identifier(required=False)


class EducationSchema(RecommendationSchema):
    kind = choice(("module", "event"))
    starts_on = fields.Date(required=False, allow_none=True)
    url = web_url(required=False)


class FundingSchema(EventSchema):
    """A funding programme as offered on the scoring day.

    `ends_on` (null: open-ended), `verified_on`, `review_by`, `ending_soon` and
    `review_overdue` were added within v1; the flags are decided at scoring, so a reader
    shows them as they are and never compares dates itself. Events from before carry only
    `valid_until`, which meant the end or the next review date, no one can tell which.
    Producers still fill it (the end, else the review date) for readers of that time.
    """

    id = identifier()
    name = bounded_text(200)
    fit = bounded_text(1000)
    rate = bounded_text(300)
    valid_until = fields.Date(required=False)
    ends_on = fields.Date(required=False, allow_none=True)
    verified_on = fields.Date(required=False)
    review_by = fields.Date(required=False)
    ending_soon = fields.Boolean(required=False)
    review_overdue = fields.Boolean(required=False)
    # Added within v1 (ruleset 2026.2): "unclear" means offered to be checked, for the
    # reasons given in the assessment's language; absent means eligible.
    eligibility = fields.String(required=False, validate=validate.OneOf(("eligible", "unclear")))
    eligibility_reasons = fields.List(
        bounded_text(300), required=False, validate=validate.Length(max=10)
    )
    contact = bounded_text(300)
    url = web_url()


FundingNote = Literal["funding_ends", "funding_ending_soon", "programme_as_of"]


def funding_notes(programme: Mapping[str, Any]) -> list[tuple[FundingNote, Any]]:
    """What a reader says about a funding entry's dates, and the date each note names.

    An open-ended programme says nothing about an end. An entry from before the dates were
    split carries only `valid_until`, which may have been a review date: it gets no note
    rather than an end that may be false.
    """
    notes: list[tuple[FundingNote, Any]] = []
    if programme.get("ends_on"):
        ending: FundingNote = (
            "funding_ending_soon" if programme.get("ending_soon") else "funding_ends"
        )
        notes.append((ending, programme["ends_on"]))
    if programme.get("review_overdue"):
        notes.append(("programme_as_of", programme["verified_on"]))
    return notes


MeasureDetail = Literal["measure_owner", "measure_effort", "measure_funding"]


def measure_details(
    measure: Mapping[str, Any], funding: Sequence[Mapping[str, Any]]
) -> list[tuple[MeasureDetail, str]]:
    """What a reader says of a measure beside its title, and the value each part names: who
    carries it, how much work it is and the name of the shown programme that pays for it.
    Measures from before 2026.2 carry none of them."""
    names = {programme["id"]: programme["name"] for programme in funding}
    details: list[tuple[MeasureDetail, str | None]] = [
        ("measure_owner", measure.get("owner")),
        ("measure_effort", measure.get("effort")),
        ("measure_funding", names.get(measure.get("funding") or "")),
    ]
    return [(detail, value) for detail, value in details if value]


class PartnerSchema(EventSchema):
    id = identifier()
    name = bounded_text(200)
    topic = bounded_text(300)


def _catalogue_list(schema: type[EventSchema]) -> fields.List[Any]:
    return fields.List(fields.Nested(schema), required=True, validate=validate.Length(max=20))


class RecommendationsSchema(EventSchema):
    measures = _catalogue_list(MeasureSchema)
    technologies = _catalogue_list(RecommendationSchema)
    education = _catalogue_list(EducationSchema)
    funding = _catalogue_list(FundingSchema)
    partners = _catalogue_list(PartnerSchema)
    agenda = _catalogue_list(RecommendationSchema)


class AnswerTextSchema(EventSchema):
    """One answered question in the assessment's language, worded as the company read it."""

    item_id = fields.String(
        required=True, validate=[validate.Length(max=100), validate.Regexp(ITEM_ID_PATTERN)]
    )
    question = bounded_text(1000)
    answer = bounded_text(2000)


class AssessmentScoredV1(EventSchema):
    """A scored assessment with everything the PDF report and the notifications need."""

    assessment_id = fields.UUID(required=True)
    company_id = fields.UUID(required=True)
    scored_at = fields.AwareDateTime(required=True)
    language = language()
    ruleset_version = bounded_text(50)
    questionnaire_version = bounded_text(50)
    company = fields.Nested(CompanyProfileSchema, required=True)
    contact = fields.Nested(ContactSchema, required=True)
    consents = fields.Nested(ConsentsSchema, required=True)
    scores = fields.Nested(ScoresSchema, required=True)
    exposure_profile = fields.Nested(ExposureProfileSchema, required=True)
    recommendations = fields.Nested(RecommendationsSchema, required=True)
    # Added within v1: events scored before it carry none.
    vocabulary = fields.Nested(VocabularySchema, required=False)
    answers = fields.Dict(
        keys=fields.String(
            validate=[
                validate.Length(max=100),
                validate.Regexp(ITEM_ID_PATTERN),
                _not_a_profile_item,
            ]
        ),
        values=AnswerValue(),
        required=True,
        validate=validate.Length(max=200),
    )
    # Added within v1: the answers in words, for the report's appendix.
    answer_texts = fields.List(
        fields.Nested(AnswerTextSchema), required=False, validate=validate.Length(max=200)
    )
    # Added within v1 (ruleset 2026.2): every context item the company was shown, answered or
    # not, in the answers' words, for the advisor's preparation.
    context_answers = fields.List(
        fields.Nested(AnswerTextSchema), required=False, validate=validate.Length(max=50)
    )
