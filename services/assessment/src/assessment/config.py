"""Settings of the assessment service beyond those every service has, read once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from servicekit.settings import EnvReader, SettingsError
from servicekit.signed_tokens import SigningKeys

DEFAULT_TOKEN_DAYS = 90
DEFAULT_NOTIFICATIONS_URL = "http://127.0.0.1:8002"


@dataclass(frozen=True)
class AssessmentConfig:
    # Signs the booking link of the result page (servicekit.booking_links); the
    # notifications service checks it with the same secret.
    booking_link_secret: SigningKeys
    # Long enough to finish the check after talking to colleagues, short enough that an
    # old forwarded mail stops opening the company's answers.
    token_lifetime: timedelta = timedelta(days=DEFAULT_TOKEN_DAYS)
    # Where companies reach the notifications service: the result page links to its
    # booking page; no data crosses, only the signed link.
    notifications_base_url: str = DEFAULT_NOTIFICATIONS_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> AssessmentConfig:
        env = EnvReader(environ)
        days = env.int("ASSESSMENT_TOKEN_DAYS", DEFAULT_TOKEN_DAYS)
        notifications = env.public_url("notifications")
        booking_link_secret = env.signing_keys("BOOKING_LINK_SECRET")
        env.raise_if_invalid()
        if not 1 <= days <= 365:
            raise SettingsError(
                f"invalid configuration: ASSESSMENT_TOKEN_DAYS must be 1-365, got {days}"
            )
        return cls(
            booking_link_secret=booking_link_secret,
            token_lifetime=timedelta(days=days),
            notifications_base_url=notifications,
        )
