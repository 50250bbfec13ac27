"""The result document the API returns: every field of `assessment.scored` that the company
sees, in the shape the API promises, with the dimensions split by kind."""

from __future__ import annotations

from typing import Any

from assessment.adapters.result_document import result_document

TOP_GAP = {"dimension": "energy", "score": 20.0, "level": "einsteiger", "text": "Einsteiger: …"}
RECOMMENDATION = {"id": "energy_audit", "title": "Energieaudit", "dimension": "energy"}


def _scored_wire() -> dict[str, Any]:
    return {
        "assessment_id": "526d35a7-46fb-42d7-9f63-5e1ef9880cc8",
        "scored_at": "2026-03-09T10:41:17.388000+00:00",
        "language": "de",
        "ruleset_version": "2026.1",
        "questionnaire_version": "2026.0",
        "company": {"name": "Hofmann Präzisionsdrehteile GmbH"},
        "scores": {
            "exposure": {
                "score": 78.3,
                "level": "sehr_hoch",
                "parts": {"prod": 80.3, "cust": 80.8, "press": 66.7},
            },
            "readiness": {"score": 34.0, "level": "entwickler"},
            "dimensions": [
                {"id": "portfolio", "kind": "exposure", "score": 80.3, "level": "sehr_hoch"},
                {"id": "strategy", "kind": "readiness", "score": 31.3, "level": "entwickler"},
                {"id": "market", "kind": "exposure", "score": 78.0, "level": "hoch"},
                {"id": "energy", "kind": "readiness", "score": 20.0, "level": "einsteiger"},
            ],
            "class": "A",
            "priority": {"score": 51.7, "label": "dringend"},
            "confidence": 0.93,
            "time_pressure": True,
            "critical_gaps": ["energy"],
            "top_gaps": [TOP_GAP],
            "growth_share": 20.0,
            "timing_factor": 1.1,
        },
        "recommendations": [RECOMMENDATION],
    }


def test_the_document_carries_every_score_the_company_sees_and_nothing_internal() -> None:
    assert result_document(_scored_wire()) == {
        "class": "A",
        "exposure": {
            "score": 78.3,
            "level": "sehr_hoch",
            "parts": {"prod": 80.3, "cust": 80.8, "press": 66.7},
            "dimensions": {
                "portfolio": {"score": 80.3, "level": "sehr_hoch"},
                "market": {"score": 78.0, "level": "hoch"},
            },
        },
        "readiness": {
            "score": 34.0,
            "level": "entwickler",
            "dimensions": {
                "strategy": {"score": 31.3, "level": "entwickler"},
                "energy": {"score": 20.0, "level": "einsteiger"},
            },
        },
        "priority": {"score": 51.7, "label": "dringend"},
        "confidence": 0.93,
        "flags": {"time_pressure": True, "critical_gaps": ["energy"]},
        "top_gaps": [TOP_GAP],
        "growth_share": 20.0,
        "recommendations": [RECOMMENDATION],
        "ruleset_version": "2026.1",
        "questionnaire_version": "2026.0",
        "scored_at": "2026-03-09T10:41:17.388000+00:00",
    }


def test_dimensions_keep_the_order_of_the_event() -> None:
    document = result_document(_scored_wire())
    assert list(document["exposure"]["dimensions"]) == ["portfolio", "market"]
    assert list(document["readiness"]["dimensions"]) == ["strategy", "energy"]
