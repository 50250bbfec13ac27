"""Schemathesis against the assessment API's OpenAPI document (the Flask app over WSGI),
with a real assessment and its resume token, so generated bodies reach the code behind the
authentication: no 5xx, every answer as documented, invalid input refused."""

from __future__ import annotations

import pytest
from flask import Flask
from fuzz_settings import fuzz
from schemathesis import GenerationMode


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_assessment_api_keeps_its_promises(
    assessment_app: Flask, started_assessment: dict[str, str], mode: GenerationMode
):
    ran = fuzz(
        assessment_app,
        mode,
        path_parameters={"assessment_id": started_assessment["id"]},
        headers={"Authorization": f"Bearer {started_assessment['token']}"},
    )

    assert "PUT /api/v1/assessments/{assessment_id}/answers" in ran
    if mode is GenerationMode.POSITIVE:
        # Its signed export link: generated tokens are refused as documented, never a 5xx.
        # (Any string is a valid path segment: there is nothing to make invalid.)
        assert "GET /api/v1/privacy/export/{token}" in ran
