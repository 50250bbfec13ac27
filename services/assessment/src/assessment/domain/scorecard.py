"""What `score()` takes besides the answers, and what it returns.

Scores are rounded half-up to one decimal (confidence to two), and every label, level and
class is derived from the rounded numbers, so the report never shows "50.0" next to a
class that needs "≥ 50". Texts carry both languages; the caller picks one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assessment.domain.catalogue import (
    AgendaPoint,
    Education,
    FundingProgramme,
    Measure,
    Partner,
    Technology,
)
from assessment.domain.eligibility import ELIGIBLE, Decision
from assessment.domain.ruleset import ClassRule, Level
from assessment.domain.texts import LocalizedText


@dataclass(frozen=True)
class CompanyProfile:
    """The profile data the scoring needs: funding eligibility and project size."""

    employees: str  # option id of company.employees, e.g. "50_249"
    district: str  # option id of company.district, e.g. "bamberg_land"
    revenue_band: str | None = None  # option id of company.revenue_band, None if not given


@dataclass(frozen=True)
class LevelResult:
    level: Level
    text: LocalizedText


@dataclass(frozen=True)
class DimensionScore:
    id: str
    kind: Literal["exposure", "readiness"]
    score: float | None  # None when every item was answered "weiß nicht"
    result: LevelResult | None
    confidence: float  # share of the dimension's weight answered


@dataclass(frozen=True)
class ExposureScore:
    score: float
    result: LevelResult
    prod: float
    cust: float | None  # None when no customer item was answered
    press: float | None  # None when no pressure item was answered
    floor_applied: bool  # E was raised to the floor because E_prod is high
    nomination_bonus: float


@dataclass(frozen=True)
class ReadinessScore:
    score: float
    result: LevelResult


@dataclass(frozen=True)
class Priority:
    score: float
    label: Level


@dataclass(frozen=True)
class Gap:
    dimension: str
    score: float
    result: LevelResult
    rank: float  # gap · weight · E/100, the dimension's share of the priority P


@dataclass(frozen=True)
class ExposureProfile:
    revenue_split: Mapping[str, float]  # as answered, percent per category
    revenue_by_class: Mapping[str, float]  # percent per exposure class of the ruleset
    growth_share: float
    contract_horizon: str


@dataclass(frozen=True)
class FundingOffer:
    """A programme as offered on the scoring day. Decided once, here: the event, the stored
    result, the result page and the report all say what was true when the company was scored."""

    programme: FundingProgramme
    ending_soon: bool  # it ends within the ruleset's warning period
    review_overdue: bool  # its facts are past their review date: shown "as of" verified_on
    # "eligible" or "unclear", with the reasons to check (never "not_eligible": not offered).
    eligibility: Decision = ELIGIBLE
    eligibility_reasons: tuple[LocalizedText, ...] = ()  # the reasons' texts, in order

    @property
    def id(self) -> str:
        return self.programme.id


@dataclass(frozen=True)
class Recommendations:
    measures: tuple[Measure, ...]
    technologies: tuple[Technology, ...]
    education: tuple[Education, ...]
    funding: tuple[FundingOffer, ...]
    partners: tuple[Partner, ...]
    agenda: tuple[AgendaPoint, ...]

    def funding_for(self, measure: Measure) -> FundingOffer | None:
        """The programme named beside a measure: the first of its programmes that is in the
        funding list, so the reader finds it in the table too."""
        offers = {offer.id: offer for offer in self.funding}
        return next((offers[p] for p in measure.funding if p in offers), None)


@dataclass(frozen=True)
class ScoreCard:
    ruleset_version: str
    questionnaire_version: str
    exposure: ExposureScore
    readiness: ReadinessScore
    dimensions: tuple[DimensionScore, ...]  # in questionnaire order
    assessment_class: ClassRule
    priority: Priority
    confidence: float  # share of total weight answered, E and R counting equally
    time_pressure: bool
    timing_factor: float
    critical_gaps: tuple[str, ...]
    top_gaps: tuple[Gap, ...]
    growth_share: float
    weak_dimensions: tuple[str, ...]  # what the recommendations were chosen for, in order
    exposure_profile: ExposureProfile
    recommendations: Recommendations
    # Since ruleset 2026.2, None before: E_econ, the economic situation (None also when no
    # economic item was answered), and whether the firm is in distress (then E is at least
    # the distress floor).
    economy: float | None = None
    distress: bool | None = None

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dimension_id)
