"""What a company may add to its call-back request: pure checks, no I/O.

Both are optional, since the admins can always write to the contact's address. The phone
number is kept as typed (people read it, a phone dials it), so only its characters and
length are checked, not a numbering plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PHONE_LENGTH = 40
MAX_PREFERRED_TIME_LENGTH = 200
MIN_PHONE_DIGITS = 6
_PHONE = re.compile(r"\+?[0-9 ()/.-]+")


class InvalidDetails(ValueError):
    """A field the company typed is not usable; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CallbackDetails:
    phone: str | None
    preferred_time: str | None


def read_details(phone: str | None, preferred_time: str | None) -> CallbackDetails:
    """The phone number and preferred time as typed, trimmed; empty is none."""
    phone = (phone or "").strip() or None
    preferred_time = (preferred_time or "").strip() or None
    if phone is not None and (
        len(phone) > MAX_PHONE_LENGTH
        or not _PHONE.fullmatch(phone)
        or sum(char.isdigit() for char in phone) < MIN_PHONE_DIGITS
    ):
        raise InvalidDetails(
            "phone",
            f"The phone number must be digits (at least {MIN_PHONE_DIGITS}), spaces and "
            f"+ ( ) / . - only, at most {MAX_PHONE_LENGTH} characters.",
        )
    if preferred_time is not None and (
        len(preferred_time) > MAX_PREFERRED_TIME_LENGTH or not preferred_time.isprintable()
    ):
        raise InvalidDetails(
            "preferred_time",
            f"The preferred time must be one line of at most {MAX_PREFERRED_TIME_LENGTH} "
            "characters.",
        )
    return CallbackDetails(phone, preferred_time)
