"""Eligibility of ruleset 2026.2, hand-computed from the guidelines' words: the EU SME test,
ZIM alone or jointly, Digitalbonus, BIK/EEW for firms that are not energy-intensive, and the
project-size estimate. Each profile is written out with why it gets its outcome.

Staff bands (2026.2): 1-49, 50-249, 250-399, 400-499, 500-999, >= 1,000; a band is read as
(above, up_to], so "500_999" means 500 to 999 staff."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.domain import CompanyProfile, Questionnaire, Ruleset, load_version
from assessment.domain.catalogue import Eligibility
from assessment.domain.eligibility import Company, Decision, EligibilityRules, decide
from assessment.domain.recommendations import Situation, eligibility_of, project_volume

VERSION = "2026.2"


@pytest.fixture(scope="module")
def packaged() -> tuple[Questionnaire, Ruleset]:
    return load_version(VERSION)


@pytest.fixture(scope="module")
def rules(packaged: tuple[Questionnaire, Ruleset]) -> EligibilityRules:
    found = packaged[1].recommendations.eligibility
    assert found is not None
    return found


def company(
    employees: str,
    *,
    revenue_band: str | None = "10m_50m",
    balance_sheet_band: str | None = None,
    independent: bool | None = True,
    energy_cost_share: float | None = None,
    planned_investment_percent: float | None = None,
) -> Company:
    return Company(
        employees=employees,
        revenue_band=revenue_band,
        balance_sheet_band=balance_sheet_band,
        independent=independent,
        energy_cost_share=energy_cost_share,
        planned_investment_percent=planned_investment_percent,
    )


def situation(
    questionnaire: Questionnaire, profile: CompanyProfile, answers: dict[str, object]
) -> Situation:
    return Situation(
        weak_dimensions=("digital",),
        assessment_class="C",
        core_technologies=(),
        company=profile,
        employee_bands=questionnaire.item("company.employees").option_ids,
        planned_investment_percent=None,
        today=date(2027, 2, 1),
        answers=answers,
    )


SME = Eligibility(requires_sme=True)


def test_the_eu_sme_test_at_its_staff_bound(rules: EligibilityRules) -> None:
    # 249 staff is in "50_249", 250 in "250_399": the limit is "fewer than 250".
    assert decide(SME, company("50_249"), rules, 3) == Decision("eligible")
    assert decide(SME, company("250_399"), rules, 3) == Decision("not_eligible")


def test_the_eu_sme_test_needs_turnover_or_balance_sheet_within_its_limit(
    rules: EligibilityRules,
) -> None:
    # Turnover up to 50m (the band "10m_50m" ends at 50m) suffices on its own.
    assert decide(SME, company("50_249", revenue_band="10m_50m"), rules, 3).outcome == "eligible"
    # Above 50m turnover, a balance sheet up to 43m still makes it an SME ...
    above = company("50_249", revenue_band="50m_250m", balance_sheet_band="10m_43m")
    assert decide(SME, above, rules, 3) == Decision("eligible")
    # ... above 43m it does not ...
    both = company("50_249", revenue_band="50m_250m", balance_sheet_band="gt43m")
    assert decide(SME, both, rules, 3) == Decision("not_eligible")
    # ... and an unknown balance sheet leaves it to be checked.
    unknown = company("50_249", revenue_band="50m_250m", balance_sheet_band=None)
    assert decide(SME, unknown, rules, 3) == Decision("unclear", ("size_within_band",))


def test_a_group_member_is_no_sme_and_an_unanswered_group_question_is_unclear(
    rules: EligibilityRules,
) -> None:
    # 40 staff and 5m turnover, but part of a group: the group's figures count.
    assert decide(SME, company("lt50", independent=False), rules, 3) == Decision("not_eligible")
    assert decide(SME, company("lt50", independent=None), rules, 3) == Decision(
        "unclear", ("group_unknown",)
    )


@pytest.mark.parametrize(
    ("employees", "independent", "expected"),
    [
        # 499 staff on its own: a single-company project.
        ("400_499", True, Decision("eligible")),
        # 500 and 999 staff on their own: open, but only jointly with an SME.
        ("500_999", True, Decision("eligible", ("cooperation_only",))),
        # 1,000 staff: beyond ZIM, alone or not.
        ("ge1000", True, Decision("not_eligible")),
        ("ge1000", False, Decision("not_eligible")),
        # 499 staff in a group: the group's staff count, so neither the single-company
        # limit nor the joint-project limit can be told; never offered as a single project.
        ("400_499", False, Decision("unclear", ("linked_firms", "cooperation_only"))),
        # The 600-person firm in a group: over 499 on its own staff already, so at best a
        # joint project, and whether the group stays under 1,000 must be checked.
        ("500_999", False, Decision("unclear", ("linked_firms", "cooperation_only"))),
    ],
)
def test_zim_alone_or_jointly_counting_linked_firms(
    employees: str,
    independent: bool,
    expected: Decision,
    packaged: tuple[Questionnaire, Ruleset],
    rules: EligibilityRules,
) -> None:
    zim = next(p for p in packaged[1].catalogue.funding if p.id == "zim")
    assert (zim.eligibility.max_employees, zim.eligibility.cooperation_only_above) == (999, 499)

    assert decide(zim.eligibility, company(employees, independent=independent), rules, 3) == (
        expected
    )


def test_the_30_person_independent_firm_under_10m_is_offered_digitalbonus(
    packaged: tuple[Questionnaire, Ruleset],
) -> None:
    questionnaire, ruleset = packaged
    digitalbonus = next(p for p in ruleset.catalogue.funding if p.id == "digitalbonus_bayern")
    # 30 staff (band 1-49), 2-10m turnover, independent, site in Kronach.
    small = CompanyProfile("lt50", "kronach", "2m_10m")
    independent = {"finance.group_membership": "independent"}

    assert eligibility_of(
        digitalbonus, situation(questionnaire, small, independent), ruleset
    ) == Decision("eligible")
    # With 10-50m turnover only a balance sheet up to 10m keeps it.
    larger = CompanyProfile("lt50", "kronach", "10m_50m")
    small_balance = independent | {"finance.balance_sheet_band": "le10m"}
    assert eligibility_of(
        digitalbonus, situation(questionnaire, larger, small_balance), ruleset
    ) == Decision("eligible")
    large_balance = independent | {"finance.balance_sheet_band": "10m_43m"}
    assert eligibility_of(
        digitalbonus, situation(questionnaire, larger, large_balance), ruleset
    ) == Decision("not_eligible")
    # 50 staff: beyond the limit of fewer than 50.
    fifty = CompanyProfile("50_249", "kronach", "2m_10m")
    assert eligibility_of(
        digitalbonus, situation(questionnaire, fifty, independent), ruleset
    ) == Decision("not_eligible")


def test_bik_and_eew_are_unclear_not_refused_for_a_firm_that_is_not_energy_intensive(
    packaged: tuple[Questionnaire, Ruleset], rules: EligibilityRules
) -> None:
    funding = {p.id: p for p in packaged[1].catalogue.funding}
    # 1,200 staff, above 250m turnover, energy costs 2 % of revenue (below the 10 % the
    # ruleset reads as energy-intensive), planning 5 % of revenue a year for 3 years:
    # at least 250m · 5 % · 3 = 37.5m, far above BIK's 500k minimum.
    large = company(
        "ge1000",
        revenue_band="gt250m",
        independent=False,
        energy_cost_share=2,
        planned_investment_percent=5,
    )

    assert decide(funding["eew"].eligibility, large, rules, 3) == Decision(
        "unclear", ("energy_intensity",)
    )
    assert decide(funding["bik"].eligibility, large, rules, 3) == Decision(
        "unclear", ("energy_intensity",)
    )
    # At 10 % energy costs both are plainly open.
    intensive = company(
        "ge1000", revenue_band="gt250m", energy_cost_share=10, planned_investment_percent=5
    )
    assert decide(funding["bik"].eligibility, intensive, rules, 3) == Decision("eligible")


def test_the_project_size_estimate_starts_at_the_lower_bound_of_the_revenue_band(
    packaged: tuple[Questionnaire, Ruleset], rules: EligibilityRules
) -> None:
    questionnaire, ruleset = packaged
    profile = CompanyProfile("50_249", "bamberg_land", "2m_10m")
    planned = Situation(
        weak_dimensions=("energy",),
        assessment_class="C",
        core_technologies=(),
        company=profile,
        employee_bands=questionnaire.item("company.employees").option_ids,
        planned_investment_percent=10,
        today=date(2027, 2, 1),
    )
    # 2,000,000 EUR (lower bound of 2m-10m) · 10 % · 3 years; 2026.1 took the top: 3,000,000.
    assert project_volume(planned, ruleset) == 600_000

    minimum = Eligibility(min_project_eur=500_000)
    # 2m-10m at 10 %: 600k to 3m, all above 500k.
    assert decide(
        minimum, company("50_249", revenue_band="2m_10m", planned_investment_percent=10), rules, 3
    ) == Decision("eligible")
    # Below 2m at 10 %: 0 to 600k; only the top of the band reaches 500k.
    assert decide(
        minimum, company("lt50", revenue_band="lt2m", planned_investment_percent=10), rules, 3
    ) == Decision("unclear", ("project_size",))
    # Below 2m at 5 %: at most 300k, never 500k.
    assert decide(
        minimum, company("lt50", revenue_band="lt2m", planned_investment_percent=5), rules, 3
    ) == Decision("not_eligible")
    # No planned investment: cannot tell.
    assert decide(minimum, company("lt50", revenue_band="lt2m"), rules, 3) == Decision(
        "unclear", ("project_size",)
    )


def test_regional_aid_is_never_promised_as_the_aid_areas_are_not_in_the_data(
    packaged: tuple[Questionnaire, Ruleset], rules: EligibilityRules
) -> None:
    brf = {entry.id: entry for entry in packaged[1].catalogue.funding}["regionalfoerderung_brf"]
    # A 1,000+ firm in the city of Bamberg with a large project: every other rule is met,
    # and whether its site lies in an aid area (large firms only in GRW C/D areas) is open.
    large = company("ge1000", revenue_band="gt250m", planned_investment_percent=5)
    small = company("lt50", revenue_band="2m_10m", planned_investment_percent=10)

    assert decide(brf.eligibility, large, rules, 3) == Decision("unclear", ("aid_area",))
    assert decide(brf.eligibility, small, rules, 3) == Decision("unclear", ("aid_area",))
    # Below the minimum project of 200k (under 2m revenue at 1 % for 3 years: at most 60k)
    # it is not offered, wherever the site is.
    tiny = company("lt50", revenue_band="lt2m", planned_investment_percent=1)
    assert decide(brf.eligibility, tiny, rules, 3) == Decision("not_eligible")
