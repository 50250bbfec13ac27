"""Helpers of the assessment API tests (a module of its own: every test folder has a conftest)."""

from __future__ import annotations

from typing import Any

# What the test apps sign the result page's booking link with (BOOKING_LINK_SECRET).
BOOKING_LINK_SECRET = "test-booking-links"  # noqa: S105 - a test value

# The company the API tests (and make bench) start an assessment for.
START_BODY: dict[str, Any] = {
    "language": "de",
    "company": {
        "name": "Muster Präzisionsteile GmbH",
        "employees": "50_249",
        "revenue_band": "10m_50m",
        "district": "bamberg_land",
    },
    "contact": {"name": "Erika Muster", "email": "erika.muster@example.com"},
    "consents": {"processing": True, "advisor_sharing": True, "benchmarking": False},
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
