"""What a company may add to a call-back request: optional phone number and preferred time,
trimmed, checked for characters and length."""

from __future__ import annotations

import pytest

from notifications.domain.callback_details import CallbackDetails, InvalidDetails, read_details


@pytest.mark.parametrize(
    ("phone", "preferred_time", "expected"),
    [
        (None, None, CallbackDetails(None, None)),
        ("  ", "", CallbackDetails(None, None)),
        (
            " +49 (951) 123-45/6.7 ",
            " vormittags ",
            CallbackDetails("+49 (951) 123-45/6.7", "vormittags"),
        ),
        ("123456", None, CallbackDetails("123456", None)),
        ("1" * 40, "x" * 200, CallbackDetails("1" * 40, "x" * 200)),
    ],
)
def test_details_are_kept_as_typed_but_trimmed_and_empty_is_none(
    phone: str | None, preferred_time: str | None, expected: CallbackDetails
):
    assert read_details(phone, preferred_time) == expected


@pytest.mark.parametrize(
    ("phone", "preferred_time", "field"),
    [
        ("12345", None, "phone"),  # five digits are no phone number
        ("0951 12345a", None, "phone"),
        ("1" * 41, None, "phone"),
        ("49+951123456", None, "phone"),  # + only in front
        ("0951 123456\n0951 654321", None, "phone"),
        (None, "x" * 201, "preferred_time"),
        (None, "morgens\nBcc: x@example.org", "preferred_time"),
        (None, "morgens\u2028abends", "preferred_time"),
    ],
)
def test_unusable_details_name_their_field(
    phone: str | None, preferred_time: str | None, field: str
):
    with pytest.raises(InvalidDetails) as refused:
        read_details(phone, preferred_time)
    assert refused.value.field == field


def test_the_refusals_say_what_is_allowed():
    with pytest.raises(InvalidDetails) as phone:
        read_details("12345", None)
    with pytest.raises(InvalidDetails) as preferred_time:
        read_details(None, "x" * 201)

    assert str(phone.value) == (
        "The phone number must be digits (at least 6), spaces and + ( ) / . - only, "
        "at most 40 characters."
    )
    assert str(preferred_time.value) == (
        "The preferred time must be one line of at most 200 characters."
    )
