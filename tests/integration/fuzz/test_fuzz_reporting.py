"""Schemathesis against the reporting service's OpenAPI document (the PDF download and the
export part): with a stored report's id, generated tokens are refused as documented
(403/410), never a 5xx."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from fuzz_settings import fuzz
from schemathesis import GenerationMode

EXPORT = "GET /api/v1/privacy/export/{token}"


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_download_keeps_its_promises(
    reporting_app: Flask, stored_report: uuid.UUID, mode: GenerationMode
):
    ran = fuzz(reporting_app, mode, path_parameters={"report_id": str(stored_report)})

    assert "GET /reports/{report_id}.pdf" in ran
    if mode is GenerationMode.POSITIVE:
        # (Any string is a valid export token segment: nothing to make invalid.)
        assert EXPORT in ran


def test_any_report_id_is_refused_as_documented(reporting_app: Flask):
    ran = fuzz(reporting_app, GenerationMode.POSITIVE)

    assert sorted(ran) == [EXPORT, "GET /reports/{report_id}.pdf"]
