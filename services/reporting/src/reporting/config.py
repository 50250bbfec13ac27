"""Settings of the reporting service beyond those every service has, read once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from servicekit.booking_links import BookingLinks
from servicekit.settings import EnvReader, SettingsError

DEFAULT_STORAGE_DIR = "var/reports"
DEFAULT_LINK_DAYS = 90
DEFAULT_RENDER_TIMEOUT_S = 30
RENDER_ATTEMPTS = 3
# kafka-python's max_poll_interval_ms (300 s): a member silent for longer is evicted. One
# record per poll may take every attempt at the time limit, with room to spare.
MAX_POLL_INTERVAL_S = 300
MAX_RENDER_WORK_S = 240


@dataclass(frozen=True)
class ReportingConfig:
    # The report's link to the booking page; its keys also sign the privacy-export links.
    booking_links: BookingLinks
    storage_dir: Path  # absolute: the web's send_file and the worker must agree on it
    # As long as a company's resume link: the result page shows the PDF link that long.
    link_lifetime: timedelta = timedelta(days=DEFAULT_LINK_DAYS)
    render_timeout_s: float = DEFAULT_RENDER_TIMEOUT_S
    render_attempts: int = RENDER_ATTEMPTS

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ReportingConfig:
        env = EnvReader(environ)
        storage_dir = env.path("REPORTING_STORAGE_DIR", DEFAULT_STORAGE_DIR)
        days = env.int("REPORTING_LINK_DAYS", DEFAULT_LINK_DAYS)
        timeout_s = env.int("REPORTING_RENDER_TIMEOUT_S", DEFAULT_RENDER_TIMEOUT_S)
        env.raise_if_invalid()
        problems = []
        if not 1 <= days <= 365:
            problems.append(f"REPORTING_LINK_DAYS must be 1-365, got {days}")
        if not 1 <= timeout_s * RENDER_ATTEMPTS <= MAX_RENDER_WORK_S:
            problems.append(
                f"REPORTING_RENDER_TIMEOUT_S must be 1-{MAX_RENDER_WORK_S // RENDER_ATTEMPTS} "
                f"(x{RENDER_ATTEMPTS} attempts within the {MAX_POLL_INTERVAL_S} s poll "
                f"interval), got {timeout_s}"
            )
        if problems:
            raise SettingsError("invalid configuration: " + "; ".join(problems))
        return cls(
            booking_links=BookingLinks.from_env(environ),
            storage_dir=storage_dir,
            link_lifetime=timedelta(days=days),
            render_timeout_s=timeout_s,
        )
