"""Settings of the assessment service's privacy features, read once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from privacy.retention import retention_days
from servicekit.settings import EnvReader

DEFAULT_REPORTING_URL = "http://127.0.0.1:8001"
# A draft nobody touched for half a year is abandoned; its resume link expired long before.
DEFAULT_DRAFT_RETENTION_DAYS = 180
# Long enough to answer "did my mail go out, and what did it say?", then only the log stays.
DEFAULT_MAIL_BODY_RETENTION_DAYS = 30


@dataclass(frozen=True)
class PrivacyConfig:
    # Where companies reach the reporting service: the export links to its part.
    reporting_base_url: str = DEFAULT_REPORTING_URL
    draft_retention: timedelta = timedelta(days=DEFAULT_DRAFT_RETENTION_DAYS)
    mail_body_retention: timedelta = timedelta(days=DEFAULT_MAIL_BODY_RETENTION_DAYS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> PrivacyConfig:
        env = EnvReader(environ)
        reporting = env.public_url("reporting")
        env.raise_if_invalid()
        periods = retention_days(
            environ,
            {
                "ASSESSMENT_DRAFT_RETENTION_DAYS": DEFAULT_DRAFT_RETENTION_DAYS,
                "MAIL_BODY_RETENTION_DAYS": DEFAULT_MAIL_BODY_RETENTION_DAYS,
            },
        )
        return cls(
            reporting_base_url=reporting,
            draft_retention=periods["ASSESSMENT_DRAFT_RETENTION_DAYS"],
            mail_body_retention=periods["MAIL_BODY_RETENTION_DAYS"],
        )
