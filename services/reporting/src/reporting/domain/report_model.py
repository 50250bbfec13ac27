"""The Potenzialanalyse's content, section by section, as its template lays it out: every
text already chosen in the reader's language, every number the charts draw."""

from __future__ import annotations

from dataclasses import dataclass

from reporting.domain.answers import AnswerGroup
from wording.languages import Language


@dataclass(frozen=True)
class Score:
    value: float | None
    level: str  # the level's name in the report's language; "" when not answered


@dataclass(frozen=True)
class Summary:
    class_id: str
    class_title: str
    # Where the matrix splits into the classes; None for an event without a vocabulary.
    exposure_from: float | None
    readiness_from: float | None
    exposure: Score
    readiness: Score
    priority_label: str
    priority_score: float
    confidence_percent: float
    key_messages: tuple[str, str, str]


@dataclass(frozen=True)
class BarSegment:
    label: str
    share: float
    rank: int  # the exposure class's place in the ruleset's order, most exposed first


@dataclass(frozen=True)
class ExposureProfile:
    segments: tuple[BarSegment, ...]
    growth_share: float
    contract_horizon: str
    time_pressure: bool
    top_customer_share: float | None
    customers_over_5pct: float | None
    automotive_share: float | None
    parts: tuple[tuple[str, float | None], ...]  # (name, score): products, customers, press, ...


@dataclass(frozen=True)
class RadarAxis:
    dimension: str
    label: str
    own: float | None
    peer: float | None
    target: float
    level: str


@dataclass(frozen=True)
class Radar:
    axes: tuple[RadarAxis, ...]
    basis: str  # "cohort", "region" or "none"
    basis_text: str


@dataclass(frozen=True)
class DimensionNote:
    label: str
    score: float
    level: str
    text: str


@dataclass(frozen=True)
class StrengthsAndGaps:
    strengths: tuple[DimensionNote, ...]
    # No field reaches the class's readiness threshold: the best ones are shown, saying so.
    relative_note: str | None
    gaps: tuple[DimensionNote, ...]
    no_gaps: str  # what the report says where there are none, with the ruleset's bound


@dataclass(frozen=True)
class Item:
    title: str
    text: str | None = None
    note: str | None = None  # a partner's topic, an event's date


@dataclass(frozen=True)
class Opportunities:
    core_technologies: str
    fields: tuple[Item, ...]
    partners: tuple[Item, ...]
    education: tuple[Item, ...]


@dataclass(frozen=True)
class RoadmapPhase:
    horizon: str
    title: str
    measures: tuple[Item, ...]


@dataclass(frozen=True)
class FundingRow:
    name: str
    fit: str
    rate: str
    notes: tuple[str, ...]  # its end, if it has one, and "as of" when its facts are old
    contact: str
    url: str
    # "check eligibility" when it is unclear, then the reasons or conditions (ruleset 2026.2).
    eligibility: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextStep:
    agenda: tuple[Item, ...]
    booking_url: str


@dataclass(frozen=True)
class Appendix:
    methodology: str  # how the scores were made, in the ruleset's figures
    ruleset_version: str
    questionnaire_version: str
    answers: tuple[AnswerGroup, ...]


@dataclass(frozen=True)
class Report:
    language: Language  # of its words, dates and numbers, and of <html lang>
    assessment_id: str
    company_name: str
    date: str  # the day it was scored, as the reader writes dates
    summary: Summary
    exposure_profile: ExposureProfile
    radar: Radar
    strengths_and_gaps: StrengthsAndGaps
    opportunities: Opportunities
    roadmap: tuple[RoadmapPhase, ...]
    funding: tuple[FundingRow, ...]
    funding_as_of: str
    next_step: NextStep
    appendix: Appendix
