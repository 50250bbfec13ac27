"""Who a funding programme is for, as the guidelines word it: staff, turnover, balance sheet,
independence (the EU SME test), joint projects only, energy intensity, project size.

The questionnaire asks in bands, so a limit can fall inside a company's band, and a company
may not know or say an answer: each rule is then neither met nor broken. Eligibility has
three outcomes; "unclear" carries its reasons, so the company and the advisor see what to
check instead of a programme silently dropped or promised.

A band is a range (above, up_to]: above its lower bound, up to and including its upper one
(None: no upper bound). "10-50 Mio. €" and "50-250 Mio. €" both name 50m; a company of
exactly 50m is read as the lower band, the one the EU's "≤ 50m" includes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from assessment.domain import ids
from assessment.domain.catalogue import Eligibility
from assessment.domain.reading import Node
from assessment.domain.texts import LocalizedText

Outcome = Literal["eligible", "unclear", "not_eligible"]
Reason = Literal[
    "group_unknown",  # independence not answered: the SME test and staff counts are open
    "linked_firms",  # part of a group: the group's staff and figures count
    "size_within_band",  # a limit falls inside the company's band, or the figure is unknown
    "cooperation_only",  # above the single-project limit: only jointly with an SME
    "energy_intensity",  # open to all sizes; pays off with high energy use
    "project_size",  # the minimum project may or may not be reached
    "aid_area",  # only in regional aid areas, which the data does not name
]
REASONS: tuple[Reason, ...] = get_args(Reason)
Range = tuple[float, float | None]  # (above, up_to]; up_to None: unbounded


@dataclass(frozen=True)
class SmeTest:
    """The EU SME definition (Recommendation 2003/361/EC, Annex Art. 2 and 3)."""

    max_employees: int
    max_revenue_eur: float
    max_balance_sheet_eur: float


@dataclass(frozen=True)
class EligibilityRules:
    """The size ranges of the questionnaire's bands and the answers the rules read."""

    employees: Mapping[str, Range]
    revenue_eur: Mapping[str, Range]
    balance_sheet_item: str
    balance_sheet_eur: Mapping[str, Range]
    group_item: str
    independent_option: str
    energy_cost_item: str
    sme: SmeTest
    reasons: Mapping[Reason, LocalizedText]


@dataclass(frozen=True)
class Company:
    """What eligibility reads of a company; None where it was not answered."""

    employees: str
    revenue_band: str | None
    balance_sheet_band: str | None
    independent: bool | None
    energy_cost_share: float | None
    planned_investment_percent: float | None


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    # Why it is unclear, or the condition it is open under (e.g. only a joint project);
    # in the order of REASONS, each once.
    reasons: tuple[Reason, ...] = ()


ELIGIBLE = Decision("eligible")
Tri = bool | None  # met, broken, or cannot tell


def decide(
    eligibility: Eligibility, company: Company, rules: EligibilityRules, investment_years: float
) -> Decision:
    """The numeric rules of a programme (catalogue.SIZE_RULES and min_project_eur)."""
    checks: list[tuple[Tri, tuple[Reason, ...]]] = []
    staff_open: tuple[Reason, ...] = (
        ("group_unknown",) if company.independent is None else ("linked_firms",)
    )
    own_staff = rules.employees[company.employees]

    def staff_at_most(limit: int) -> tuple[Tri, tuple[Reason, ...]]:
        """Linked firms count: a group member's own staff only tell when they already
        exceed the limit."""
        own = _at_most(own_staff, limit)
        if own is None:
            return None, ("size_within_band",)
        if own and company.independent is not True:
            return None, staff_open
        return own, ()

    if eligibility.max_employees is not None:
        checks.append(staff_at_most(eligibility.max_employees))
    if eligibility.cooperation_only_above is not None:
        alone, why = staff_at_most(eligibility.cooperation_only_above)
        # Above the limit it stays open, as a joint project: the condition is its reason.
        checks.append((None if alone is None else True, why))
        if alone is not True:
            checks.append((True, ("cooperation_only",)))
    if eligibility.requires_sme:
        checks.append(_sme(company, rules))
    if eligibility.max_revenue_eur is not None:
        checks.append(
            _figures_at_most(
                company, rules, eligibility.max_revenue_eur, eligibility.max_balance_sheet_eur
            )
        )
    if eligibility.min_energy_cost_share is not None:
        share = company.energy_cost_share
        intensive = share is not None and share >= eligibility.min_energy_cost_share
        checks.append((True, ()) if intensive else (None, ("energy_intensity",)))
    if eligibility.aid_area_only:
        checks.append((None, ("aid_area",)))
    if eligibility.min_project_eur is not None:
        checks.append(_project(company, rules, eligibility.min_project_eur, investment_years))
    return _combine(checks)


def _combine(checks: list[tuple[Tri, tuple[Reason, ...]]]) -> Decision:
    if any(met is False for met, _ in checks):
        return Decision("not_eligible")
    found = {reason for _, reasons in checks for reason in reasons}
    reasons = tuple(reason for reason in REASONS if reason in found)
    unclear = any(met is None for met, _ in checks)
    return Decision("unclear" if unclear else "eligible", reasons)


def _at_most(band: Range, limit: float) -> Tri:
    above, up_to = band
    if up_to is not None and up_to <= limit:
        return True
    if above >= limit:
        return False
    return None


def _either(first: Tri, second: Tri) -> Tri:
    if first or second:
        return True
    if first is False and second is False:
        return False
    return None


def _figures_at_most(
    company: Company, rules: EligibilityRules, max_revenue: float, max_balance: float | None
) -> tuple[Tri, tuple[Reason, ...]]:
    """Turnover at most its limit, or (where the programme allows) the balance sheet."""
    revenue = _band_at_most(rules.revenue_eur, company.revenue_band, max_revenue)
    balance: Tri = False
    if max_balance is not None:
        balance = _band_at_most(rules.balance_sheet_eur, company.balance_sheet_band, max_balance)
    met = _either(revenue, balance)
    return met, () if met is not None else ("size_within_band",)


def _band_at_most(ranges: Mapping[str, Range], band: str | None, limit: float) -> Tri:
    return None if band is None or band not in ranges else _at_most(ranges[band], limit)


def _sme(company: Company, rules: EligibilityRules) -> tuple[Tri, tuple[Reason, ...]]:
    """Under the staff limit, within one of the financial limits, and independent: a group
    member is not an SME on its own figures."""
    if company.independent is False:
        return False, ()
    staff = _at_most(rules.employees[company.employees], rules.sme.max_employees)
    figures, why = _figures_at_most(
        company, rules, rules.sme.max_revenue_eur, rules.sme.max_balance_sheet_eur
    )
    if staff is False or figures is False:
        return False, ()
    reasons = why + (("size_within_band",) if staff is None else ())
    if company.independent is None:
        return None, ("group_unknown", *reasons)
    return (True, ()) if staff and figures else (None, reasons)


def project_range(
    company: Company, rules: EligibilityRules, investment_years: float
) -> Range | None:
    """The investment over the planning years, from each end of the revenue band."""
    band = company.revenue_band
    if band is None or band not in rules.revenue_eur or company.planned_investment_percent is None:
        return None
    above, up_to = rules.revenue_eur[band]
    share = company.planned_investment_percent

    def volume(revenue: float) -> float:
        return revenue * share / 100 * investment_years

    return volume(above), None if up_to is None else volume(up_to)


def _project(
    company: Company, rules: EligibilityRules, minimum: float, investment_years: float
) -> tuple[Tri, tuple[Reason, ...]]:
    """The lower end of the band is the estimate: the minimum is met only when even the
    smallest firm of the band reaches it, broken only when even the largest misses it."""
    volume = project_range(company, rules, investment_years)
    if volume is None:
        return None, ("project_size",)
    lowest, highest = volume
    if lowest >= minimum:
        return True, ()
    if highest is not None and highest < minimum:
        return False, ()
    return None, ("project_size",)


def read_eligibility_rules(
    node: Node, option_ids: Mapping[str, tuple[str, ...]], item_ids: Collection[str]
) -> EligibilityRules:
    """`option_ids`: the options of company.employees, company.revenue_band and the items
    named here; `item_ids`: the questionnaire's items."""
    node.fields(
        required=(
            "employees",
            "revenue_eur",
            "balance_sheet_item",
            "balance_sheet_eur",
            "group_item",
            "independent_option",
            "energy_cost_item",
            "sme",
            "reasons",
        )
    )
    items = {}
    for key in ("balance_sheet_item", "group_item", "energy_cost_item"):
        items[key] = node.get(key).one_of(sorted(item_ids))
    sme = node.get("sme").fields(
        required=("max_employees", "max_revenue_eur", "max_balance_sheet_eur")
    )
    reasons = node.get("reasons").fields(required=REASONS)
    group_options = option_ids.get(items["group_item"], ())
    return EligibilityRules(
        employees=_ranges(node.get("employees"), option_ids[ids.EMPLOYEES]),
        revenue_eur=_ranges(node.get("revenue_eur"), option_ids[ids.REVENUE_BAND]),
        balance_sheet_item=items["balance_sheet_item"],
        balance_sheet_eur=_ranges(
            node.get("balance_sheet_eur"), option_ids.get(items["balance_sheet_item"], ())
        ),
        group_item=items["group_item"],
        independent_option=node.get("independent_option").one_of(group_options),
        energy_cost_item=items["energy_cost_item"],
        sme=SmeTest(
            max_employees=sme.get("max_employees").integer(1),
            max_revenue_eur=sme.get("max_revenue_eur").number(0),
            max_balance_sheet_eur=sme.get("max_balance_sheet_eur").number(0),
        ),
        reasons={reason: reasons.get(reason).localized(300) for reason in REASONS},
    )


def _ranges(node: Node, options: tuple[str, ...]) -> Mapping[str, Range]:
    """Every option's (above, up_to], in option order, each starting where the last ended."""
    node.fields(required=options)
    ranges: dict[str, Range] = {}
    previous: float | None = 0
    for option in options:
        entry = node.get(option)
        bounds = entry.elements()
        if len(bounds) != 2:
            entry.fail("must be [above, up_to]")
        above = bounds[0].number(0)
        up_to = None if bounds[1].value is None else bounds[1].number(above)
        if previous is None or above != previous:
            entry.fail(f"starts at {above:g}, not where the band before ends")
        ranges[option] = (above, up_to)
        previous = up_to
    return ranges
