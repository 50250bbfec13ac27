"""The ruleset: every weight, coefficient, option score, threshold and text of the scoring.

The formulas live in code (exposure.py, readiness.py, scoring.py); every number they use
lives here, loaded from the versioned data by `ruleset_loader.load_ruleset`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from assessment.domain.catalogue import Catalogue
from assessment.domain.eligibility import EligibilityRules
from assessment.domain.questionnaire import Condition
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
    # Up to 2026.1 the time-pressure flag is t ≥ time_pressure_from_t; from 2026.2 the
    # ruleset gives `time_pressure` instead (exactly one of the two is set).
    time_pressure_from_t: float | None = None
    time_pressure: TimePressureRule | None = None
    # Since 2026.2: the economic situation (empty weights: not scored) and the distress floor.
    economy: EconomyRule | None = None
    distress: DistressRule | None = None


@dataclass(frozen=True)
class EconomyRule:
    """E_econ, the weighted mean of the economic items, pulls E up by `pull` of the distance
    when it is above E: a firm that is losing business now is more at risk, but a good year
    does not talk away the risk of an ICE-bound portfolio."""

    item_weights: Mapping[str, float]
    pull: float

    def apply(self, e: float, e_econ: float | None) -> float:
        if e_econ is None or e_econ <= e:
            return e
        return e + self.pull * (e_econ - e)


@dataclass(frozen=True)
class TimePressureRule:
    """Time pressure is true only for a known horizon before 2030 and a material share of
    revenue that the end of the combustion engine hits hard."""

    horizons: tuple[str, ...]  # contract_horizon options that end before 2030
    from_c: float  # categories with a coefficient c at or above this count as ICE-specific
    min_share: float  # percent of revenue in those categories, inclusive

    def holds(self, horizon: str, ice_share: float) -> bool:
        return horizon in self.horizons and ice_share >= self.min_share


@dataclass(frozen=True)
class DistressRule:
    """A firm in economic distress: every condition of `all_of` and one of `any_of` hold
    (in 2026.2: EBIT below 0, and equity below 15 % or revenue fallen sharply)."""

    all_of: tuple[Condition, ...]
    any_of: tuple[Condition, ...]
    e_at_least: float

    def holds(self, answers: Mapping[str, Any]) -> bool:
        # An unanswered item ("weiß nicht") holds no condition: distress is never guessed.
        return all(c.holds(answers.get(c.item)) for c in self.all_of) and any(
            c.holds(answers.get(c.item)) for c in self.any_of
        )


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
