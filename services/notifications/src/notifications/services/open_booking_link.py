"""Opening a booking link: the token's assessment, if the token is genuine, current, not
withdrawn by a revocation of the company's links, and this service knows the scored
assessment already. Pages and API answer the same way."""

from __future__ import annotations

from datetime import datetime

from notifications.adapters.booking_store import BookingStore
from notifications.domain.meetings import Company
from servicekit.booking_links import BookingLinks
from servicekit.signed_tokens import TokenExpired, TokenInvalid, withdrawn

MAX_TOKEN_LENGTH = 200


class LinkRefused(Exception):
    """The link does not open a booking; `status` and `reason` say why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def open_booking(store: BookingStore, links: BookingLinks, token: str, now: datetime) -> Company:
    """The company the token opens, or LinkRefused: 403 invalid or withdrawn, 410 expired,
    404 not yet known (the assessment.scored event has not reached this service yet)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused(403, "invalid")
    try:
        verified = links.verify(token, now)
    except TokenExpired:
        raise LinkRefused(410, "expired") from None
    except TokenInvalid:
        raise LinkRefused(403, "invalid") from None
    company = store.company(verified.assessment_id)
    if company is None:
        raise LinkRefused(404, "not_ready")
    if withdrawn(verified, company.links_valid_from):
        raise LinkRefused(403, "withdrawn")
    return company
