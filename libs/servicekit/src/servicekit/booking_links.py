"""The company's link to the booking page of the notifications service.

Two services hand it out — the assessment service on the result page, the notifications
service in its mails — and the notifications service checks it, so its shape lives here,
once. The token is signed with BOOKING_LINK_SECRET, which both services are given.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from servicekit import signed_tokens

PURPOSE = "booking"


def booking_url(base_url: str, secret: str, assessment_id: uuid.UUID, expires_at: datetime) -> str:
    token = signed_tokens.sign(secret, PURPOSE, str(assessment_id), expires_at)
    return f"{base_url.rstrip('/')}/book/{token}"


def assessment_id_from_token(secret: str, token: str, now: datetime) -> uuid.UUID:
    """The assessment a booking token is for; raises signed_tokens.TokenInvalid (also for a
    subject that is not an id) or signed_tokens.TokenExpired."""
    subject = signed_tokens.verify(secret, PURPOSE, token, now)
    try:
        return uuid.UUID(subject)
    except ValueError:
        raise signed_tokens.TokenInvalid("not an assessment id") from None
