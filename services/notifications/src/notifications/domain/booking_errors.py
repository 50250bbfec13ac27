"""Why a booking, move, cancellation or call-back request cannot be carried out, each
with its HTTP answer."""

from __future__ import annotations


class BookingError(Exception):
    """A booking request that cannot be carried out; `status` is its HTTP answer."""

    status = 409


class SlotTaken(BookingError):
    """Someone else holds the slot (or one too close to it)."""


class AlreadyBooked(BookingError):
    """The company holds an active meeting already; move or cancel that one."""


class MeetingChanged(BookingError):
    """The meeting was cancelled or changed meanwhile (another tab, the advisor)."""


class NotOffered(BookingError):
    """Not a time (or not an advisor) this company is offered."""

    status = 422


class IdempotencyKeyReused(BookingError):
    """The Idempotency-Key named a different booking before."""

    status = 422


class DatesOffered(BookingError):
    """A free date is offered: the company books it instead of waiting for a call."""


class MeetingNotFound(BookingError):
    status = 404


def slot_taken() -> SlotTaken:
    return SlotTaken("This time has just been booked by someone else; please choose another.")


def already_booked() -> AlreadyBooked:
    return AlreadyBooked(
        "You have booked a meeting already; reschedule or cancel it to choose another time."
    )
