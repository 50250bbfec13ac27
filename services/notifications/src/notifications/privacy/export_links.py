"""The admin's export at the desk: a signed export link to each service's part.

GDPR requests often reach the cluster by letter or phone, so an admin must be able to hand
over everything held about a company, not just what this service holds. The desk mints the
same links the company's own export carries (privacy.export): each service serves its
part itself, so no service has to ask another, and a revocation of the company's links
withdraws these too.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from privacy.export import export_url
from servicekit.booking_links import BookingLinks
from servicekit.settings import EnvReader
from servicekit.signed_tokens import SigningKeys


@dataclass(frozen=True)
class ExportLinks:
    keys: SigningKeys  # BOOKING_LINK_SECRET, which every service checks export links with
    # Each service's public address, in the order the desk lists the parts.
    base_urls: Mapping[str, str]

    @classmethod
    def from_env(cls, environ: Mapping[str, str], booking: BookingLinks) -> ExportLinks:
        """The other services' addresses from PUBLIC_BASE_URL_ASSESSMENT and
        PUBLIC_BASE_URL_REPORTING; this service's address and the secret as its booking
        links have them."""
        env = EnvReader(environ)
        assessment = env.public_url("assessment")
        reporting = env.public_url("reporting")
        env.raise_if_invalid()
        return cls(
            booking.keys,
            {
                "assessment": assessment,
                "reporting": reporting,
                "notifications": booking.base_url,
            },
        )

    def urls(self, company_id: uuid.UUID, now: datetime) -> dict[str, str]:
        """Service -> its export link for the company, valid for privacy.export's
        LINK_LIFETIME from `now`."""
        return {
            service: export_url(base_url, self.keys, company_id, now)
            for service, base_url in self.base_urls.items()
        }
