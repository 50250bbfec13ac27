"""Log lines are JSON objects that carry the correlation id of the work in hand."""

from __future__ import annotations

import json
import logging

from servicekit.logs import JsonFormatter, correlation_id


def format_record(message: str) -> dict:
    record = logging.LogRecord("wegweiser.test", logging.WARNING, __file__, 1, message, (), None)
    return json.loads(JsonFormatter("reporting").format(record))


def test_a_log_line_is_one_json_object_naming_service_level_and_message():
    entry = format_record("PDF für Müller GmbH gerendert")

    assert entry["service"] == "reporting"
    assert entry["level"] == "WARNING"
    assert entry["message"] == "PDF für Müller GmbH gerendert"
    assert "correlation_id" not in entry


def test_lines_written_while_handling_an_assessment_carry_its_id():
    with correlation_id("a6f0c1d2"):
        inside = format_record("rendering")
    outside = format_record("idle")

    assert inside["correlation_id"] == "a6f0c1d2"
    assert "correlation_id" not in outside


def test_secrets_in_urls_never_reach_the_log():
    resume = (
        '"GET /resume/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f/vof1JhL32o-zwK4SStA6rW HTTP/1.1" 303'
    )
    download = "GET /reports/42.pdf?token=42.1775750400.Zk3qN8x0bW1p HTTP/1.1"
    booking = "POST /book/526d35a7-46fb.1775750400.Qm9va2luZw/meetings/7/cancel HTTP/1.1"
    export = "GET /api/v1/privacy/export/6f1c2d3e.1775750400.1775754000.RXhwb3J0 HTTP/1.1"

    logged = " ".join(
        format_record(line)["message"] for line in (resume, download, booking, export)
    )

    assert "vof1JhL32o" not in logged
    assert "Zk3qN8x0bW1p" not in logged
    assert "Qm9va2luZw" not in logged
    assert "RXhwb3J0" not in logged
    assert "/resume/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f/[redacted] HTTP/1.1" in logged
    assert "/reports/42.pdf?token=[redacted] HTTP/1.1" in logged
    assert "/book/[redacted]/meetings/7/cancel HTTP/1.1" in logged
    assert "/api/v1/privacy/export/[redacted] HTTP/1.1" in logged
