"""The ruleset: every weight, coefficient, option score, threshold and text of the scoring.

The formulas live in code (exposure.py, readiness.py, scoring.py); every number they use
lives here, loaded from the versioned data by `ruleset_loader.load_ruleset`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from assessment.domain.catalogue import Catalogue
from assessment.domain.eligibility import EligibilityRules
from assessment.domain.texts import LocalizedText

RuleKind = Literal["likert", "ladder", "options", "points", "piecewise"]
RULE_KINDS: tuple[str, ...] = get_args(RuleKind)
# The rule kind each item type is scored with.
RULE_FOR_TYPE = {
    "likert": "likert",
    "ladder": "ladder",
    "single": "options",
    "band": "options",
    "multi": "points",
    "number": "piecewise",
}
EXPOSURE_PARTS = ("prod", "cust", "press")
CLASS_IDS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class ItemRule:
    """How one item's answer becomes a 0-100 score."""

    item_id: str
    kind: RuleKind
    reverse: bool = False  # likert: the statement is negative
    scores: Mapping[str, float] | None = None  # options: score per option; points: per option
    cap: float = 100.0  # points: the sum is capped here
    points: tuple[tuple[float, float], ...] = ()  # piecewise: (x, score), x ascending


@dataclass(frozen=True)
class RevenueCategory:
    id: str
    coefficient: float
    growth: bool
    exposure_class: str


@dataclass(frozen=True)
class ExposureRules:
    part_weights: Mapping[str, float]
    floor_from_e_prod: float
    floor_e: float
    categories: Mapping[str, RevenueCategory]
    timing_factors: Mapping[str, float]
    segment_multipliers: Mapping[str, float]
    nomination_bonus: Mapping[str, float]
    cust_weights: Mapping[str, float]
    press_items: tuple[str, ...]
    time_pressure_from_t: float


@dataclass(frozen=True)
class ReadinessRules:
    dimension_weights: Mapping[str, float]
    item_weights: Mapping[str, Mapping[str, float]]
    critical_below: float


@dataclass(frozen=True)
class Level:
    id: str
    minimum: float  # inclusive lower bound; the level runs up to the next one's minimum
    name: LocalizedText


@dataclass(frozen=True)
class Scale:
    """Named bands of the 0-100 scale, lowest first; the first starts at 0."""

    levels: tuple[Level, ...]

    def at(self, score: float) -> Level:
        found = self.levels[0]
        for level in self.levels:
            if score >= level.minimum:
                found = level
        return found

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)


@dataclass(frozen=True)
class ClassRule:
    id: str
    name: LocalizedText
    text: LocalizedText


@dataclass(frozen=True)
class Classes:
    exposure_from: float
    readiness_from: float
    rules: Mapping[str, ClassRule]

    def classify(self, exposure: float, readiness: float) -> ClassRule:
        exposed = exposure >= self.exposure_from
        ready = readiness >= self.readiness_from
        return self.rules[
            {(True, False): "A", (True, True): "B", (False, False): "C"}.get((exposed, ready), "D")
        ]


@dataclass(frozen=True)
class TopGapRules:
    count: int
    readiness_below: float
    portfolio_from_e_prod: float
    portfolio_weight: float


@dataclass(frozen=True)
class RecommendationRules:
    market_from_e_cust: float
    limits: Mapping[str, int]
    non_bavarian_districts: tuple[str, ...]
    # A funding programme ending within this many days of the scoring day says so.
    funding_ending_within_days: int
    revenue_band_max_eur: Mapping[str, float]
    investment_item: str
    investment_years: float
    # From 2026.2: the size ranges and answers the programmes' rules are decided on.
    eligibility: EligibilityRules | None = None
    # From this E_prod on, at least one shown measure is a new business field (2026.2);
    # None: no such rule (2026.1).
    new_business_field_from_e_prod: float | None = None


@dataclass(frozen=True)
class Ruleset:
    version: str
    questionnaire_version: str
    exposure: ExposureRules
    readiness: ReadinessRules
    item_rules: Mapping[str, ItemRule]
    context_items: tuple[str, ...]
    readiness_levels: Scale
    exposure_levels: Scale
    # Keys: "exposure", "readiness" (the indices) and every scored dimension id.
    level_texts: Mapping[str, Mapping[str, LocalizedText]]
    classes: Classes
    priority: Scale
    top_gaps: TopGapRules
    recommendations: RecommendationRules
    catalogue: Catalogue

    def level_text(self, subject: str, level_id: str) -> LocalizedText:
        return self.level_texts[subject][level_id]
