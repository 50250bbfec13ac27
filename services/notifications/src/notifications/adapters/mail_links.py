"""The links the mails carry, and the settings they are made from (read once at start-up)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from notifications.adapters.report_mails import CompanyLinks
from servicekit.booking_links import BookingLinks
from servicekit.settings import EnvReader


@dataclass(frozen=True)
class MailLinks:
    booking: BookingLinks  # also this service's public address
    assessment_base_url: str  # where the company's result page lives

    @classmethod
    def from_env(cls, environ: Mapping[str, str], notifications_base_url: str) -> MailLinks:
        env = EnvReader(environ)
        assessment = env.public_url("assessment")
        env.raise_if_invalid()
        booking = BookingLinks.from_env(environ, notifications_base_url)
        return cls(booking, assessment)

    def company_links(self, assessment_id: uuid.UUID, now: datetime) -> CompanyLinks:
        return CompanyLinks(
            # The assessment service's result page; it opens in the browser that holds the
            # company's resume token.
            result_url=f"{self.assessment_base_url}/a/{assessment_id}/result",
            booking_url=self.booking.url(assessment_id, now),
            booking_expires_at=self.booking.expires_at(now),
        )

    def desk_url(self, assessment_id: uuid.UUID) -> str:
        return f"{self.booking.base_url}/desk/companies/{assessment_id}"
