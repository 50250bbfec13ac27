"""Who a funding programme is offered to: its staff bands (both ends included), its Bavarian
site rule and its minimum project, against the company's profile and planned investment.
The bounds are where mistakes hide, so each is tried on, just inside and just outside."""

from __future__ import annotations

import dataclasses
from datetime import date

from assessment.domain import CompanyProfile, Questionnaire, Ruleset
from assessment.domain.catalogue import Eligibility, FundingProgramme
from assessment.domain.recommendations import Situation, is_eligible, project_volume


def _programme(ruleset: Ruleset, **eligibility: object) -> FundingProgramme:
    return dataclasses.replace(ruleset.catalogue.funding[0], eligibility=Eligibility(**eligibility))


def _situation(
    questionnaire: Questionnaire,
    *,
    employees: str = "50_249",
    district: str = "bamberg_land",
    revenue_band: str | None = "2m_10m",
    planned_investment_percent: float | None = 10,
) -> Situation:
    return Situation(
        weak_dimensions=("finance",),
        assessment_class="C",
        core_technologies=(),
        company=CompanyProfile(employees, district, revenue_band),
        employee_bands=questionnaire.item("company.employees").option_ids,
        planned_investment_percent=planned_investment_percent,
        today=date(2026, 12, 7),
    )


def test_a_staff_band_range_includes_both_of_its_ends(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    programme = _programme(ruleset, min_employees_band="50_249", max_employees_band="250_999")

    offered = [
        (band, is_eligible(programme, _situation(questionnaire, employees=band), ruleset))
        for band in ("lt50", "50_249", "250_999", "ge1000")
    ]

    assert offered == [("lt50", False), ("50_249", True), ("250_999", True), ("ge1000", False)]


def test_a_bavarian_site_is_required_only_where_the_programme_says_so(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    bavarian, anywhere = _programme(ruleset, bavarian_site=True), _programme(ruleset)

    offered = [
        (district, is_eligible(p, _situation(questionnaire, district=district), ruleset))
        for p in (bavarian, anywhere)
        for district in ("other_bavaria", "outside_bavaria")
    ]

    assert offered == [
        ("other_bavaria", True),
        ("outside_bavaria", False),
        ("other_bavaria", True),
        ("outside_bavaria", True),
    ]


def test_the_project_volume_is_the_top_of_the_revenue_band_times_the_share_for_three_years(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    # 10,000,000 EUR (top of 2m-10m) · 10 % · 3 years
    assert project_volume(_situation(questionnaire), ruleset) == 3_000_000
    assert project_volume(_situation(questionnaire, revenue_band=None), ruleset) is None
    no_plan = _situation(questionnaire, planned_investment_percent=None)
    assert project_volume(no_plan, ruleset) is None


def test_a_minimum_project_is_met_at_exactly_its_amount_and_an_unknown_volume_keeps_it(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    situation = _situation(questionnaire)  # a volume of 3,000,000 EUR
    unknown = _situation(questionnaire, planned_investment_percent=None)

    offered = [
        is_eligible(_programme(ruleset, min_project_eur=minimum), s, ruleset)
        for minimum, s in (
            (3_000_000, situation),
            (3_000_001, situation),
            (50_000_000, unknown),
        )
    ]

    assert offered == [True, False, True]
