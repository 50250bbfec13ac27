"""The result as the API returns it (and the database keeps it), built from the wire form
of `assessment.scored`, so the company sees exactly what the report and the advisor see."""

from __future__ import annotations

from typing import Any


def result_document(scored_wire: dict[str, Any]) -> dict[str, Any]:
    scores = scored_wire["scores"]
    exposure = scores["exposure"]
    readiness = scores["readiness"]
    return {
        "class": scores["class"],
        "exposure": {
            "score": exposure["score"],
            "level": exposure["level"],
            "parts": exposure["parts"],
            "dimensions": _dimensions(scores, "exposure"),
        },
        "readiness": {
            "score": readiness["score"],
            "level": readiness["level"],
            "dimensions": _dimensions(scores, "readiness"),
        },
        "priority": scores["priority"],
        "confidence": scores["confidence"],
        "flags": {
            "time_pressure": scores["time_pressure"],
            "critical_gaps": scores["critical_gaps"],
        }
        # Since ruleset 2026.2; older results keep the flags they had.
        | ({"distress": scores["distress"]} if "distress" in scores else {}),
        "top_gaps": scores["top_gaps"],
        "growth_share": scores["growth_share"],
        "recommendations": scored_wire["recommendations"],
        "ruleset_version": scored_wire["ruleset_version"],
        "questionnaire_version": scored_wire["questionnaire_version"],
        "scored_at": scored_wire["scored_at"],
    }


def _dimensions(scores: dict[str, Any], kind: str) -> dict[str, Any]:
    return {
        d["id"]: {"score": d["score"], "level": d["level"]}
        for d in scores["dimensions"]
        if d["kind"] == kind
    }
