"""Settings of the assessment service beyond those every service has, read once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from servicekit.settings import EnvReader, SettingsError

DEFAULT_TOKEN_DAYS = 90


@dataclass(frozen=True)
class AssessmentConfig:
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
        return cls(token_lifetime=timedelta(days=days))
