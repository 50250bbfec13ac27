"""Settings of the assessment service beyond those every service has, read once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from servicekit.booking_links import BookingLinks
from servicekit.settings import EnvReader, SettingsError

DEFAULT_TOKEN_DAYS = 90


@dataclass(frozen=True)
class AssessmentConfig:
    # The result page's link to the notifications service's booking page (no data
    # crosses, only the signed link); its keys also sign the privacy-export links.
    booking_links: BookingLinks
    # Long enough to finish the check after talking to colleagues, short enough that an
    # old forwarded mail stops opening the company's answers.
    token_lifetime: timedelta = timedelta(days=DEFAULT_TOKEN_DAYS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> AssessmentConfig:
        env = EnvReader(environ)
        days = env.int("ASSESSMENT_TOKEN_DAYS", DEFAULT_TOKEN_DAYS)
        env.raise_if_invalid()
        if not 1 <= days <= 365:
            raise SettingsError(
                f"invalid configuration: ASSESSMENT_TOKEN_DAYS must be 1-365, got {days}"
            )
        return cls(
            booking_links=BookingLinks.from_env(environ), token_lifetime=timedelta(days=days)
        )
