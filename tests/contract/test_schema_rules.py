"""Rules of the event schemas beyond field types, checked on the way in (decode)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from eventing.codec import InvalidMessage, decode
from eventing.examples import Example, all_examples

pytestmark = pytest.mark.contract

EXAMPLES = {example.name: example for example in all_examples()}
SCORED = EXAMPLES["assessment.scored.v1.machining-supplier-class-a"]
BOOKED = EXAMPLES["meeting.booked.v1.transformationsgespraech"]
RESCHEDULED = EXAMPLES["meeting.rescheduled.v1.across-dst-change"]


def decode_changed(example: Example, change: Any) -> Any:
    document = json.loads(example.raw)
    change(document["data"])
    return decode(json.dumps(document).encode())


def answer(value: Any) -> Any:
    return lambda data: data["answers"].update({"market.price_pressure": value})


@pytest.mark.parametrize(
    "value",
    [42, 2.5, "tier2", ["erp", "mes"], [], {"battery_systems": 60, "non_automotive": 40}, None],
    ids=repr,
)
def test_an_answer_is_a_number_an_option_a_list_of_options_a_split_or_dont_know(
    value: Any,
) -> None:
    envelope = decode_changed(SCORED, answer(value))
    assert envelope.data["answers"]["market.price_pressure"] == value


@pytest.mark.parametrize(
    "value",
    [True, "Tier 2", [1, 2], [["erp"]], {"erp": "yes"}, {"erp": 120}, {"a": {"b": 1}}],
    ids=repr,
)
def test_an_answer_of_any_other_shape_is_rejected(value: Any) -> None:
    with pytest.raises(InvalidMessage, match="answers"):
        decode_changed(SCORED, answer(value))


def test_contact_data_never_travels_as_an_answer() -> None:
    def add(data: dict[str, Any]) -> None:
        data["answers"]["company.contact_email"] = "hofmann"

    with pytest.raises(InvalidMessage, match="answers"):
        decode_changed(SCORED, add)


def test_a_revenue_split_must_sum_to_100_percent() -> None:
    def shrink(data: dict[str, Any]) -> None:
        data["exposure_profile"]["revenue_split"]["non_automotive"] = 5.0

    with pytest.raises(InvalidMessage, match="sum to 100"):
        decode_changed(SCORED, shrink)


def test_a_dimension_has_a_level_of_its_own_kind() -> None:
    def mislabel(data: dict[str, Any]) -> None:
        data["scores"]["dimensions"][0]["level"] = "vorreiter"  # portfolio is an exposure

    with pytest.raises(InvalidMessage, match="level"):
        decode_changed(SCORED, mislabel)


def test_a_dimension_nobody_answered_has_neither_score_nor_level() -> None:
    def unanswer(data: dict[str, Any]) -> None:
        data["scores"]["dimensions"][-1].update(score=None, level=None)

    assert decode_changed(SCORED, unanswer).data["scores"]["dimensions"][-1]["score"] is None

    def half_unanswer(data: dict[str, Any]) -> None:
        data["scores"]["dimensions"][-1]["score"] = None

    with pytest.raises(InvalidMessage, match="both"):
        decode_changed(SCORED, half_unanswer)


def test_gaps_name_dimensions_that_were_scored() -> None:
    def unknown_gap(data: dict[str, Any]) -> None:
        data["scores"]["critical_gaps"].append("marketing")

    with pytest.raises(InvalidMessage, match="marketing"):
        decode_changed(SCORED, unknown_gap)


def test_at_most_three_top_gaps_are_shown() -> None:
    def fourth_gap(data: dict[str, Any]) -> None:
        data["scores"]["top_gaps"].append(data["scores"]["top_gaps"][0])

    with pytest.raises(InvalidMessage, match="top_gaps"):
        decode_changed(SCORED, fourth_gap)


@pytest.mark.parametrize("example", [BOOKED, RESCHEDULED], ids=lambda example: example.name)
def test_a_meeting_ends_after_it_starts(example: Example) -> None:
    def swap(data: dict[str, Any]) -> None:
        data["starts_at"], data["ends_at"] = data["ends_at"], data["starts_at"]

    with pytest.raises(InvalidMessage, match="ends_at"):
        decode_changed(example, swap)


def test_a_meeting_time_without_an_offset_is_rejected() -> None:
    def naive(data: dict[str, Any]) -> None:
        data["starts_at"] = "2026-03-24T09:00:00"

    with pytest.raises(InvalidMessage, match="starts_at"):
        decode_changed(BOOKED, naive)


def test_a_funding_entry_from_before_the_dates_were_split_still_decodes() -> None:
    legacy = EXAMPLES["assessment.scored.v1.plastics-moulder-class-c-valid-until-only"]
    funding = decode(legacy.raw).data["recommendations"]["funding"]

    assert [(f["id"], f["valid_until"].isoformat(), "ends_on" in f) for f in funding] == [
        ("digitalbonus_bayern", "2027-12-31", False),
        ("bafa_unternehmensberatung", "2026-12-31", False),
        ("eew", "2026-12-31", False),
    ]


def test_an_open_ended_programme_has_no_end_on_the_wire() -> None:
    def open_ended(data: dict[str, Any]) -> None:
        data["recommendations"]["funding"][0]["ends_on"] = None

    funding = decode_changed(SCORED, open_ended).data["recommendations"]["funding"]
    assert [f["ends_on"] for f in funding] == [
        None,
        date(2027, 12, 31),
        date(2028, 12, 31),
        date(2026, 12, 31),
    ]
