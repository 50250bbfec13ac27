"""The company's booking link as this service hands it out (in mails) and checks it.

The token itself is servicekit.booking_links (the assessment service mints the same tokens
for its result page); this module adds where the secret and the address come from: the
shared BOOKING_LINK_SECRET (and BOOKING_LINK_SECRET_PREVIOUS during a rotation), read once
at start-up, and this service's public address.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from servicekit import booking_links
from servicekit.settings import EnvReader
from servicekit.signed_tokens import SigningKeys

# Longer than the booking horizon (four weeks) plus the meeting, so the cancel and
# reschedule links of a confirmation mail work until the meeting has taken place.
LINK_LIFETIME = timedelta(days=90)


@dataclass(frozen=True)
class BookingLinkSettings:
    public_base_url: str
    keys: SigningKeys

    @classmethod
    def from_env(cls, environ: Mapping[str, str], public_base_url: str) -> BookingLinkSettings:
        env = EnvReader(environ)
        keys = env.signing_keys("BOOKING_LINK_SECRET")
        env.raise_if_invalid()
        return cls(public_base_url=public_base_url.rstrip("/"), keys=keys)


def booking_url(settings: BookingLinkSettings, assessment_id: uuid.UUID, now: datetime) -> str:
    """`<public address>/book/<token>`: opens the company's booking page without a login;
    the meeting's own pages (cancel, reschedule, .ics) are below it."""
    return booking_links.booking_url(
        settings.public_base_url, settings.keys, assessment_id, now + LINK_LIFETIME, now
    )


def verified_booking_token(
    settings: BookingLinkSettings, token: str, now: datetime
) -> booking_links.BookingToken:
    """The assessment the token opens and when it was issued; raises
    servicekit.signed_tokens.TokenInvalid (answer 403) or TokenExpired (answer 410)."""
    return booking_links.verify_booking_token(settings.keys, token, now)
