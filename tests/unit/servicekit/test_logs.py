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
