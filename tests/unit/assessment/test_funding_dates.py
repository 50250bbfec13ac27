"""Which funding programmes a company is offered around the turn of 2026/27, and how each is
marked. The scoring day is always passed in: these tests pin it, nothing reads the clock."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.adapters.scored_event import recommendations_part
from assessment.domain import CompanyProfile, Questionnaire, Ruleset
from assessment.domain.recommendations import Situation, recommend
from eventing.schemas.assessment import RecommendationsSchema

# A supplier with 50-249 staff in the district of Bamberg, weak in strategy, innovation,
# energy, skills and finance (most pressing first); no planned investment given.
WEAK = ("strategy", "innovation", "energy", "workforce", "finance")


DATE_FIELDS = (
    "valid_until",
    "ends_on",
    "verified_on",
    "review_by",
    "ending_soon",
    "review_overdue",
)


def situation_on(day: date, questionnaire: Questionnaire) -> Situation:
    return Situation(
        weak_dimensions=WEAK,
        assessment_class="C",
        core_technologies=(),
        company=CompanyProfile("50_249", "bamberg_land", "10m_50m"),
        employee_bands=questionnaire.item("company.employees").option_ids,
        planned_investment_percent=None,
        today=day,
    )


def offers_on(day: date, questionnaire: Questionnaire, ruleset: Ruleset) -> list[tuple]:
    """(id, ending soon, review overdue) of each programme offered, in order."""
    return [
        (offer.id, offer.ending_soon, offer.review_overdue)
        for offer in recommend(situation_on(day, questionnaire), ruleset).funding
    ]


def test_on_the_last_day_of_2026_three_programmes_say_they_end(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    # Breadth first over the weak fields, cut at eight programmes.
    assert offers_on(date(2026, 12, 31), questionnaire, ruleset) == [
        ("bafa_unternehmensberatung", True, False),
        ("zim", False, False),
        ("eew", True, False),
        ("qualifizierungschancengesetz", False, False),
        ("foerderkredite_lfa_kfw", False, False),
        ("transform_emn_angebote", True, False),
        ("baytfs_baytp_plus", False, False),
        ("bik", False, False),
    ]


@pytest.mark.parametrize("day", [date(2027, 1, 1), date(2027, 1, 5)])
def test_in_2027_only_the_ended_programmes_are_gone_and_open_ended_ones_are_as_of(
    day: date, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    # Strategy has nothing left; energy moves up to BIK.
    assert offers_on(day, questionnaire, ruleset) == [
        ("zim", False, False),
        ("bik", False, False),
        ("qualifizierungschancengesetz", False, True),
        ("foerderkredite_lfa_kfw", False, True),
        ("baytfs_baytp_plus", False, False),
        ("qualifizierungsgeld", False, True),
        ("buergschaftsbank_bayern", False, True),
        ("forschungszulage", False, True),
    ]


@pytest.mark.parametrize(
    ("day", "ending_soon"),
    [(date(2026, 10, 1), False), (date(2026, 10, 2), True), (date(2026, 12, 31), True)],
)
def test_a_programme_ends_soon_from_90_days_before_its_end(
    day: date, ending_soon: bool, questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    bafa = offers_on(day, questionnaire, ruleset)[0]
    assert bafa == ("bafa_unternehmensberatung", ending_soon, False)


def test_every_programme_without_an_end_is_still_offered_in_2027(ruleset: Ruleset) -> None:
    funding = ruleset.catalogue.funding
    running = [p.id for p in funding if p.runs_on(date(2027, 1, 1))]
    assert running == [
        "zim",
        "baytfs_baytp_plus",
        "forschungszulage",
        "digitalbonus_bayern",
        "baytfs_prozessinnovation",
        "mittelstand_digital_zentren",
        "bik",
        "qualifizierungschancengesetz",
        "qualifizierungsgeld",
        "lfa_transformationsfonds_bayern",
        "foerderkredite_lfa_kfw",
        "buergschaftsbank_bayern",
    ]


def test_the_event_carries_the_dates_and_what_the_scoring_decided(
    questionnaire: Questionnaire, ruleset: Ruleset
) -> None:
    recommendations = recommend(situation_on(date(2027, 1, 1), questionnaire), ruleset)
    wire = recommendations_part(recommendations, "de")["funding"]
    RecommendationsSchema().load(recommendations_part(recommendations, "de"))

    assert [entry["id"] for entry in wire[:3]] == ["zim", "bik", "qualifizierungschancengesetz"]
    zim, _, qualification = wire[:3]
    assert {key: zim[key] for key in DATE_FIELDS} == {
        "valid_until": date(2027, 12, 31),
        "ends_on": date(2027, 12, 31),
        "verified_on": date(2026, 2, 28),
        "review_by": date(2027, 3, 31),
        "ending_soon": False,
        "review_overdue": False,
    }
    # Readers of the first v1 drop a programme past valid_until: an open-ended one gets its
    # review date there, as before, and no end of its own.
    assert {key: qualification[key] for key in DATE_FIELDS} == {
        "valid_until": date(2026, 12, 31),
        "ends_on": None,
        "verified_on": date(2026, 2, 28),
        "review_by": date(2026, 12, 31),
        "ending_soon": False,
        "review_overdue": True,
    }
