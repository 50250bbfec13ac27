"""From weak dimensions to catalogue entries: measures, technologies, education, funding,
partners and agenda points for the Transformationsgespräch.

Entries come breadth first over the weak dimensions (most pressing first), each
dimension's entries in catalogue order; agenda points keep catalogue order. Funding
programmes past their end, programmes the company is not eligible for, and events that
already started never appear. A programme past only its review date still appears, marked.

From ruleset 2026.2 the lists are short enough for a one-hour meeting, and the cuts keep
what matters: a new business field for a highly exposed portfolio, the programmes that pay
for the measures shown, and the agenda points of the most pressing gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, zip_longest
from typing import Any, TypeVar

from assessment.domain.catalogue import AgendaPoint, FundingProgramme, Measure
from assessment.domain.eligibility import Company, Decision, EligibilityRules, decide, project_range
from assessment.domain.ruleset import Ruleset
from assessment.domain.scorecard import CompanyProfile, FundingOffer, Recommendations

T = TypeVar("T")
_GAP: Any = object()  # where a shorter queue has run out in _by_rank


@dataclass(frozen=True)
class Situation:
    weak_dimensions: Sequence[str]  # most pressing first
    assessment_class: str
    core_technologies: Collection[str]
    company: CompanyProfile
    employee_bands: Sequence[str]  # company.employees options, smallest first
    planned_investment_percent: float | None
    today: date
    # The answers eligibility reads beyond the profile (group, balance sheet, energy costs).
    answers: Mapping[str, Any] = field(default_factory=dict)
    e_prod: float | None = None  # rounded, as shown; None where no rule needs it


def recommend(situation: Situation, ruleset: Ruleset) -> Recommendations:
    catalogue, limits = ruleset.catalogue, ruleset.recommendations.limits
    by_dimension = catalogue.by_dimension
    weak = situation.weak_dimensions
    own = set(situation.core_technologies)

    measures = _measures(situation, ruleset)
    opportunity_fields = sorted(
        (t for t in catalogue.technologies if not own.isdisjoint(t.core_technologies)),
        key=lambda t: -len(own.intersection(t.core_technologies)),
    )
    technologies = _unique(
        [*opportunity_fields, *_by_rank(by_dimension["technologies"], None, weak)]
    )[: limits["technologies"]]
    education = _by_rank(
        by_dimension["education"],
        lambda e: e.starts_on is None or e.starts_on >= situation.today,
        weak,
    )
    decisions = {
        f.id: eligibility_of(f, situation, ruleset)
        for f in catalogue.funding
        if f.runs_on(situation.today)
    }
    funding = rank_by_fit(
        _by_rank(
            by_dimension["funding"],
            lambda f: f.id in decisions and decisions[f.id].outcome != "not_eligible",
            weak,
        ),
        measures,
        decisions,
    )
    partners = _unique(
        [
            *_by_rank(by_dimension["partners"], None, weak),
            *(catalogue.partners_by_id[p] for t in technologies for p in t.partners),
        ]
    )
    return Recommendations(
        measures=tuple(measures),
        technologies=tuple(technologies),
        education=tuple(education[: limits["education"]]),
        funding=tuple(
            _offer(f, situation.today, ruleset, decisions[f.id])
            for f in funding[: limits["funding"]]
        ),
        partners=tuple(partners[: limits["partners"]]),
        agenda=_agenda(situation, ruleset),
    )


def _measures(situation: Situation, ruleset: Ruleset) -> list[Measure]:
    """Breadth first over the weak dimensions, cut at the limit; where the portfolio is
    highly exposed and the cut left no new business field, the first one that fits the
    company's core technologies takes the last place: replacing lost revenue needs one."""
    catalogue, rules = ruleset.catalogue, ruleset.recommendations
    own = set(situation.core_technologies)

    def fits(measure: Measure) -> bool:
        return not measure.core_technologies or not own.isdisjoint(measure.core_technologies)

    limit = rules.limits["measures"]
    shown = _by_rank(catalogue.by_dimension["measures"], fits, situation.weak_dimensions)[:limit]
    threshold = rules.new_business_field_from_e_prod
    if (
        threshold is None
        or situation.e_prod is None
        or situation.e_prod < threshold
        or any(m.horizon == "new_business_field" for m in shown)
    ):
        return shown
    field = next(
        (m for m in catalogue.measures if m.horizon == "new_business_field" and fits(m)), None
    )
    return shown if field is None else [*shown[: limit - 1], field]


def rank_by_fit(
    programmes: Sequence[FundingProgramme],
    measures: Sequence[Measure],
    decisions: Mapping[str, Decision],
) -> list[FundingProgramme]:
    """Programmes by fit: first those that pay for a measure shown (the first of its
    programmes offered), then the rest; within each, those the company is eligible for
    before those to be checked ("unclear"); within those, the order given (most pressing gap
    first, catalogue order within a gap). Sorting is stable, so ties keep that order.

    Paying comes first because a measure names its programme: an unrelated programme the
    company surely gets fits the meeting less than the one that finances what it will do."""
    offered = {programme.id for programme in programmes}
    paying = {_first_offered(measure, offered) for measure in measures}
    return sorted(
        programmes,
        key=lambda programme: (
            programme.id not in paying,
            decisions[programme.id].outcome != "eligible",
        ),
    )


def _first_offered(measure: Measure, offered: Collection[str]) -> str | None:
    return next((programme for programme in measure.funding if programme in offered), None)


def _agenda(situation: Situation, ruleset: Ruleset) -> tuple[AgendaPoint, ...]:
    """Points for everyone and for the class always; points for weak dimensions fill the
    rest, most pressing dimension first; shown in catalogue order. (2026.1's limit is
    above what can match, so its lists are never cut.)"""
    weak = situation.weak_dimensions

    def rank(point: AgendaPoint) -> int | None:
        if (not point.classes and not point.dimensions) or (
            situation.assessment_class in point.classes
        ):
            return 0
        matched = [weak.index(d) for d in point.dimensions if d in weak]
        return 1 + min(matched) if matched else None

    ranked = [
        (rank_, order, point)
        for order, point in enumerate(ruleset.catalogue.agenda)
        if (rank_ := rank(point)) is not None
    ]
    kept = sorted(ranked, key=lambda entry: entry[:2])[: ruleset.recommendations.limits["agenda"]]
    return tuple(point for _, _, point in sorted(kept, key=lambda entry: entry[1]))


def _by_rank(
    by_dimension: Mapping[str, Sequence[T]],
    keep: Callable[[T], bool] | None,
    weak: Sequence[str],
) -> list[T]:
    """Breadth first: every weak dimension's first entry (most pressing dimension first),
    then every one's second, and so on, so the limit cuts depth, never a whole dimension.

    `by_dimension` is the catalogue's index (catalogue order); `keep` filters entries."""
    queues = [
        [e for e in by_dimension.get(dimension, ()) if keep is None or keep(e)]
        for dimension in weak
    ]
    ranked = chain.from_iterable(zip_longest(*queues, fillvalue=_GAP))
    return _unique(entry for entry in ranked if entry is not _GAP)


def _unique(entries: Iterable[Any]) -> list[Any]:
    """The first entry of each id, in order."""
    first: dict[str, Any] = {}
    for entry in entries:
        first.setdefault(entry.id, entry)
    return list(first.values())


def _offer(
    programme: FundingProgramme, today: date, ruleset: Ruleset, eligibility: Decision
) -> FundingOffer:
    rules = ruleset.recommendations
    warning_days = rules.funding_ending_within_days
    texts = rules.eligibility.reasons if rules.eligibility else {}
    return FundingOffer(
        programme=programme,
        ending_soon=programme.ends_within(today, warning_days),
        review_overdue=programme.review_overdue_on(today),
        eligibility=eligibility,
        eligibility_reasons=tuple(texts[reason] for reason in eligibility.reasons),
    )


def is_eligible(programme: FundingProgramme, situation: Situation, ruleset: Ruleset) -> bool:
    """Whether it may be offered: eligible, or unclear with reasons to check."""
    return eligibility_of(programme, situation, ruleset).outcome != "not_eligible"


def eligibility_of(programme: FundingProgramme, situation: Situation, ruleset: Ruleset) -> Decision:
    rules, eligibility = ruleset.recommendations, programme.eligibility
    bands = list(situation.employee_bands)
    size = bands.index(situation.company.employees)
    if (
        (eligibility.min_employees_band and size < bands.index(eligibility.min_employees_band))
        or (eligibility.max_employees_band and size > bands.index(eligibility.max_employees_band))
        or (
            eligibility.bavarian_site and situation.company.district in rules.non_bavarian_districts
        )
    ):
        return Decision("not_eligible")
    if rules.eligibility is not None:
        return decide(
            eligibility,
            _company(situation, rules.eligibility),
            rules.eligibility,
            rules.investment_years,
        )
    if eligibility.min_project_eur is not None:
        volume = project_volume(situation, ruleset)
        # Unknown volume keeps the programme: the fit text names the minimum.
        if volume is not None and volume < eligibility.min_project_eur:
            return Decision("not_eligible")
    return Decision("eligible")


def _company(situation: Situation, rules: EligibilityRules) -> Company:
    answers, profile = situation.answers, situation.company
    group = answers.get(rules.group_item)
    return Company(
        employees=profile.employees,
        revenue_band=profile.revenue_band,
        balance_sheet_band=answers.get(rules.balance_sheet_item),
        independent=None if group is None else group == rules.independent_option,
        energy_cost_share=answers.get(rules.energy_cost_item),
        planned_investment_percent=situation.planned_investment_percent,
    )


def project_volume(situation: Situation, ruleset: Ruleset) -> float | None:
    """The investment the minimum project size is compared with: planned share · years ·
    the revenue band's lower bound where the ruleset has size ranges (2026.2 on: a firm
    surely has that much), else the band's top (2026.1)."""
    rules = ruleset.recommendations
    if rules.eligibility is not None:
        volume = project_range(
            _company(situation, rules.eligibility), rules.eligibility, rules.investment_years
        )
        return None if volume is None else volume[0]
    band = situation.company.revenue_band
    if (
        band is None
        or band not in rules.revenue_band_max_eur
        or situation.planned_investment_percent is None
    ):
        return None
    yearly = rules.revenue_band_max_eur[band] * situation.planned_investment_percent / 100
    return yearly * rules.investment_years
