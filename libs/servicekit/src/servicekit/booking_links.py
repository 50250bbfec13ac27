"""The company's link to the booking page of the notifications service.

Two services hand it out — the assessment service on the result page, the notifications
service in its mails — and the notifications service checks it, so its shape lives here,
once. The token is signed with BOOKING_LINK_SECRET (and BOOKING_LINK_SECRET_PREVIOUS while a
rotation runs), which both services are given.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from servicekit import signed_tokens

PURPOSE = "booking"


@dataclass(frozen=True)
class BookingToken:
    assessment_id: uuid.UUID
    issued_at: datetime  # checked against the company's "links valid from" time


def booking_url(
    base_url: str,
    keys: signed_tokens.SigningKeys,
    assessment_id: uuid.UUID,
    expires_at: datetime,
    issued_at: datetime | None = None,
) -> str:
    """The link, issued now unless a caller must mint the same link again (a re-rendered
    PDF names the time of its scoring)."""
    token = signed_tokens.sign(
        keys,
        PURPOSE,
        str(assessment_id),
        issued_at=issued_at or datetime.now(UTC),
        expires_at=expires_at,
    )
    return f"{base_url.rstrip('/')}/book/{token}"


def verify_booking_token(
    keys: signed_tokens.SigningKeys, token: str, now: datetime
) -> BookingToken:
    """The assessment a booking token is for and when it was issued; raises
    signed_tokens.TokenInvalid (also for a subject that is not an id) or TokenExpired."""
    verified = signed_tokens.verify(keys, PURPOSE, token, now)
    try:
        return BookingToken(uuid.UUID(verified.subject), verified.issued_at)
    except ValueError:
        raise signed_tokens.TokenInvalid("not an assessment id") from None
