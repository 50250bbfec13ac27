"""The company's link to its booking page at the notifications service: one shape, one
lifetime, one secret, wherever it is made or checked.

Three services hand it out — the assessment service on the result page, the reporting
service in the PDF, the notifications service in its mails — and the notifications
service checks it. The token is signed with BOOKING_LINK_SECRET (and
BOOKING_LINK_SECRET_PREVIOUS while a rotation runs); it lives BOOKING_LINK_DAYS from its
issue.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from servicekit import signed_tokens
from servicekit.settings import EnvReader, SettingsError

PURPOSE = "booking"
# Longer than the booking horizon (four weeks) plus the meeting, so the cancel and
# reschedule links of a confirmation mail work until the meeting has taken place.
DEFAULT_DAYS = 90
MAX_DAYS = 365


@dataclass(frozen=True)
class BookingToken:
    assessment_id: uuid.UUID
    issued_at: datetime  # checked against the company's "links valid from" time


@dataclass(frozen=True)
class BookingLinks:
    base_url: str  # where companies reach the notifications service
    keys: signed_tokens.SigningKeys
    lifetime: timedelta = timedelta(days=DEFAULT_DAYS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], base_url: str | None = None) -> BookingLinks:
        """From BOOKING_LINK_SECRET(_PREVIOUS), BOOKING_LINK_DAYS and, unless the caller is
        the notifications service itself (`base_url`), PUBLIC_BASE_URL_NOTIFICATIONS."""
        env = EnvReader(environ)
        address = base_url or env.public_url("notifications")
        keys = env.signing_keys("BOOKING_LINK_SECRET")
        days = env.int("BOOKING_LINK_DAYS", DEFAULT_DAYS)
        env.raise_if_invalid()
        if not 1 <= days <= MAX_DAYS:
            raise SettingsError(
                f"invalid configuration: BOOKING_LINK_DAYS must be 1-{MAX_DAYS}, got {days}"
            )
        return cls(address.rstrip("/"), keys, timedelta(days=days))

    def url(self, assessment_id: uuid.UUID, issued_at: datetime) -> str:
        """`<notifications>/book/<token>`, valid for the lifetime from `issued_at` (a PDF
        rendered again names the time of its scoring, so it carries the same link)."""
        token = signed_tokens.sign(
            self.keys,
            PURPOSE,
            str(assessment_id),
            issued_at=issued_at,
            expires_at=issued_at + self.lifetime,
        )
        return f"{self.base_url}/book/{token}"

    def expires_at(self, issued_at: datetime) -> datetime:
        return issued_at + self.lifetime

    def verify(self, token: str, now: datetime) -> BookingToken:
        """The assessment a token opens and when it was issued; raises
        signed_tokens.TokenInvalid (also for a subject that is not an id) or TokenExpired."""
        verified = signed_tokens.verify(self.keys, PURPOSE, token, now)
        try:
            return BookingToken(uuid.UUID(verified.subject), verified.issued_at)
        except ValueError:
            raise signed_tokens.TokenInvalid("not an assessment id") from None
