"""From weak dimensions to catalogue entries: measures, technologies, education, funding,
partners and agenda points for the Transformationsgespräch.

Entries come breadth first over the weak dimensions (most pressing first), each
dimension's entries in catalogue order; agenda points keep catalogue order. Funding
programmes past their valid-until date, programmes the company is not eligible for, and
events that already started never appear.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from assessment.domain.catalogue import FundingProgramme
from assessment.domain.ruleset import Ruleset
from assessment.domain.scorecard import CompanyProfile, Recommendations

T = TypeVar("T")


@dataclass(frozen=True)
class Situation:
    weak_dimensions: Sequence[str]  # most pressing first
    assessment_class: str
    core_technologies: Collection[str]
    company: CompanyProfile
    employee_bands: Sequence[str]  # company.employees options, smallest first
    planned_investment_percent: float | None
    today: date


def recommend(situation: Situation, ruleset: Ruleset) -> Recommendations:
    catalogue, limits = ruleset.catalogue, ruleset.recommendations.limits
    weak = situation.weak_dimensions
    own = set(situation.core_technologies)

    measures = _by_rank(
        (
            m
            for m in catalogue.measures
            if not m.core_technologies or own & set(m.core_technologies)
        ),
        lambda m: (m.dimension,),
        weak,
    )
    opportunity_fields = sorted(
        (t for t in catalogue.technologies if own & set(t.core_technologies)),
        key=lambda t: -len(own & set(t.core_technologies)),
    )
    technologies = _unique(
        [*opportunity_fields, *_by_rank(catalogue.technologies, lambda t: t.dimensions, weak)]
    )[: limits["technologies"]]
    education = _by_rank(
        (e for e in catalogue.education if e.starts_on is None or e.starts_on >= situation.today),
        lambda e: e.dimensions,
        weak,
    )
    funding = _by_rank(
        (f for f in catalogue.funding if _available(f, situation, ruleset)),
        lambda f: f.dimensions,
        weak,
    )
    partners_by_id = {partner.id: partner for partner in catalogue.partners}
    partners = _unique(
        [
            *_by_rank(catalogue.partners, lambda p: p.dimensions, weak),
            *(partners_by_id[p] for t in technologies for p in t.partners),
        ]
    )
    agenda = [
        point
        for point in catalogue.agenda
        if (not point.classes and not point.dimensions)
        or situation.assessment_class in point.classes
        or any(d in weak for d in point.dimensions)
    ]
    return Recommendations(
        measures=tuple(measures[: limits["measures"]]),
        technologies=tuple(technologies),
        education=tuple(education[: limits["education"]]),
        funding=tuple(funding[: limits["funding"]]),
        partners=tuple(partners[: limits["partners"]]),
        agenda=tuple(agenda[: limits["agenda"]]),
    )


def _by_rank(
    entries: Iterable[T], dimensions_of: Callable[[T], Iterable[str]], weak: Sequence[str]
) -> list[T]:
    """Breadth first: every weak dimension's first entry (most pressing dimension first),
    then every one's second, and so on, so the limit cuts depth, never a whole dimension."""
    entries = list(entries)
    queues = [[e for e in entries if dimension in dimensions_of(e)] for dimension in weak]
    rounds = max((len(queue) for queue in queues), default=0)
    return _unique(queue[n] for n in range(rounds) for queue in queues if n < len(queue))


def _unique(entries: Iterable[Any]) -> list[Any]:
    seen: set[str] = set()
    result = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            result.append(entry)
    return result


def _available(programme: FundingProgramme, situation: Situation, ruleset: Ruleset) -> bool:
    return programme.valid_until >= situation.today and is_eligible(programme, situation, ruleset)


def is_eligible(programme: FundingProgramme, situation: Situation, ruleset: Ruleset) -> bool:
    rules, eligibility = ruleset.recommendations, programme.eligibility
    bands = list(situation.employee_bands)
    size = bands.index(situation.company.employees)
    if eligibility.min_employees_band and size < bands.index(eligibility.min_employees_band):
        return False
    if eligibility.max_employees_band and size > bands.index(eligibility.max_employees_band):
        return False
    if eligibility.bavarian_site and situation.company.district in rules.non_bavarian_districts:
        return False
    if eligibility.min_project_eur is not None:
        volume = project_volume(situation, ruleset)
        # Unknown volume keeps the programme: the fit text names the minimum.
        if volume is not None and volume < eligibility.min_project_eur:
            return False
    return True


def project_volume(situation: Situation, ruleset: Ruleset) -> float | None:
    """The largest plausible investment: top of the revenue band · planned share · years."""
    rules = ruleset.recommendations
    band = situation.company.revenue_band
    if band not in rules.revenue_band_max_eur or situation.planned_investment_percent is None:
        return None
    yearly = rules.revenue_band_max_eur[band] * situation.planned_investment_percent / 100
    return yearly * rules.investment_years
