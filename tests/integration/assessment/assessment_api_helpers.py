"""Helpers of the assessment API tests (a module of its own: every test folder has a conftest)."""

from __future__ import annotations

# What the test apps sign the result page's booking link with (BOOKING_LINK_SECRET).
BOOKING_LINK_SECRET = "test-booking-links"  # noqa: S105 - a test value
