"""Schemathesis against the booking API's OpenAPI document, with the booking token of a
company the service knows, so generated bodies reach the booking code: no 5xx, every answer
as documented, invalid input refused."""

from __future__ import annotations

import pytest
from flask import Flask
from fuzz_settings import fuzz
from schemathesis import GenerationMode


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_booking_api_keeps_its_promises(
    notifications_app: Flask, booking_token: str, mode: GenerationMode
):
    ran = fuzz(notifications_app, mode, headers={"Authorization": f"Bearer {booking_token}"})

    assert "POST /api/v1/meetings" in ran
    if mode is GenerationMode.POSITIVE:
        # Its part of a company's export: generated tokens are refused as documented.
        assert "GET /api/v1/privacy/export/{token}" in ran
