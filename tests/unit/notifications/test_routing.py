"""Routing: district and top gap topics first, then district, then topic, then anyone;
the least recently assigned among equals; advisors with free slots before all others."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from eventing.schemas.meetings import ASSIGNMENT_REASONS
from notifications.domain.routing import Advisor, Assignment, choose_advisor

MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)


def advisor(
    districts: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    *,
    active: bool = True,
    assigned_hours_ago: float | None = None,
    free: bool = True,
) -> Advisor:
    last = None if assigned_hours_ago is None else MONDAY - timedelta(hours=assigned_hours_ago)
    return Advisor(uuid.uuid4(), frozenset(districts), frozenset(topics), active, last, free)


def test_an_advisor_covering_district_and_a_gap_topic_wins_over_district_or_topic_alone():
    regional = advisor(("bamberg_land",), ("finance",))
    expert = advisor(("hof",), ("innovation",))
    both = advisor(("bamberg_land", "forchheim"), ("energy", "innovation"))

    chosen = choose_advisor([regional, expert, both], "bamberg_land", ["portfolio", "innovation"])

    assert chosen == Assignment(both.id, "district_and_topic_match")


def test_the_district_alone_comes_before_a_topic_alone():
    regional = advisor(("bamberg_land",), ("finance",))
    expert = advisor(("hof",), ("innovation",))

    chosen = choose_advisor([expert, regional], "bamberg_land", ["innovation"])

    assert chosen == Assignment(regional.id, "district_match")


def test_a_topic_expert_from_elsewhere_when_nobody_covers_the_district():
    expert = advisor(("hof",), ("innovation",))
    other = advisor(("coburg",), ("finance",))

    chosen = choose_advisor([other, expert], "bamberg_land", ["strategy", "innovation"])

    assert chosen == Assignment(expert.id, "topic_match")


def test_anyone_active_when_nothing_fits():
    other = advisor(("coburg",), ("finance",))

    chosen = choose_advisor([other], "outside_bavaria", ["innovation"])

    assert chosen == Assignment(other.id, "workload_fallback")


def test_among_equals_the_least_recently_assigned_and_never_assigned_first():
    recent = advisor(("hof",), assigned_hours_ago=1)
    long_ago = advisor(("hof",), assigned_hours_ago=300)
    never = advisor(("hof",))

    assert choose_advisor([recent, long_ago, never], "hof", []).advisor_id == never.id
    assert choose_advisor([recent, long_ago], "hof", []).advisor_id == long_ago.id


def test_round_robin_emerges_when_each_assignment_is_recorded():
    team = [advisor(("hof",)) for _ in range(3)]
    chosen = []
    for hour in range(6):
        pick = choose_advisor(team, "hof", [])
        assert pick is not None
        chosen.append(pick.advisor_id)
        now = MONDAY + timedelta(hours=hour)
        team = [
            dataclasses.replace(a, last_assigned_at=now) if a.id == pick.advisor_id else a
            for a in team
        ]

    assert chosen[:3] == chosen[3:]
    assert len(set(chosen)) == 3


def test_equal_times_are_broken_deterministically_by_id():
    first, second = advisor(("hof",)), advisor(("hof",))
    expected = min(first.id, second.id, key=str)

    assert choose_advisor([first, second], "hof", []).advisor_id == expected
    assert choose_advisor([second, first], "hof", []).advisor_id == expected


@pytest.mark.parametrize(
    "team",
    [
        [],
        [advisor(("hof",), ("innovation",), active=False)],
        [advisor()],  # a login that covers nothing, such as the first admin
    ],
)
def test_nobody_when_no_active_advisor_covers_anything(team: list[Advisor]):
    assert choose_advisor(team, "hof", ["innovation"]) is None


def test_an_inactive_advisor_is_passed_over_even_when_the_fit_is_perfect():
    away = advisor(("hof",), ("innovation",), active=False)
    present = advisor(("coburg",))

    chosen = choose_advisor([away, present], "hof", ["innovation"])

    assert chosen == Assignment(present.id, "workload_fallback")


def test_the_reasons_are_those_the_event_contract_knows():
    team = [advisor(("hof",), ("innovation",)), advisor(("hof",)), advisor((), ("innovation",))]
    reasons = {
        choose_advisor(team[:1], "hof", ["innovation"]).reason,
        choose_advisor(team[1:2], "hof", ["innovation"]).reason,
        choose_advisor(team[2:], "coburg", ["innovation"]).reason,
        choose_advisor(team[1:2], "coburg", ["innovation"]).reason,
    }
    assert reasons <= set(ASSIGNMENT_REASONS)
    assert len(reasons) == 4


def test_a_new_advisor_without_hours_does_not_win_the_round_robin():
    new = advisor(("hof",), ("innovation",), free=False)
    busy_but_bookable = advisor(("hof",), ("innovation",), assigned_hours_ago=1)

    chosen = choose_advisor([new, busy_but_bookable], "hof", ["innovation"])

    assert chosen == Assignment(busy_but_bookable.id, "district_and_topic_match")


def test_without_free_slots_in_a_tier_the_next_tier_with_free_slots_takes_the_company():
    perfect = advisor(("hof",), ("innovation",), free=False)
    regional = advisor(("hof",), ("finance",), free=False)
    expert = advisor(("coburg",), ("innovation",))
    anyone = advisor(("coburg",), ("finance",))

    team = [perfect, regional, expert, anyone]
    assert choose_advisor(team, "hof", ["innovation"]) == Assignment(expert.id, "topic_match")
    assert choose_advisor(team, "hof", ["strategy"]) == Assignment(
        # expert and anyone both fit only as "anyone"; neither was ever assigned: by id
        min(expert.id, anyone.id, key=str),
        "workload_fallback",
    )


def test_the_least_recently_assigned_among_those_with_free_slots():
    never_but_full = advisor(("hof",), free=False)
    recent = advisor(("hof",), assigned_hours_ago=1)
    long_ago = advisor(("hof",), assigned_hours_ago=300)

    chosen = choose_advisor([never_but_full, recent, long_ago], "hof", [])

    assert chosen == Assignment(long_ago.id, "district_match")


def test_when_nobody_has_free_slots_the_fit_alone_decides():
    perfect = advisor(("hof",), ("innovation",), free=False, assigned_hours_ago=1)
    regional = advisor(("hof",), free=False)
    expert = advisor(("coburg",), ("innovation",), free=False)

    chosen = choose_advisor([regional, expert, perfect], "hof", ["innovation"])

    assert chosen == Assignment(perfect.id, "district_and_topic_match")


def test_an_inactive_advisor_with_free_slots_is_still_passed_over():
    away = advisor(("hof",), ("innovation",), active=False)
    full = advisor(("hof",), ("innovation",), free=False)

    chosen = choose_advisor([away, full], "hof", ["innovation"])

    assert chosen == Assignment(full.id, "district_and_topic_match")
