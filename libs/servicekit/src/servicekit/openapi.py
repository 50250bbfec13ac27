"""What every service's OpenAPI document shares: the RFC 9457 Problem schema of its error
answers (all written by servicekit.json_api.problem_response, the app's own HTTP errors too),
the responses that refer to it, and serving the document at /openapi.json."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify

from servicekit.json_api import PROBLEM_JSON

# The document's components.schemas.Problem: each document registers it under that name.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "correlation_id": {"type": "string", "nullable": True},
        "errors": {"type": "object", "description": "field -> messages, nested like the body"},
    },
    "additionalProperties": False,
}


def problem(description: str) -> dict[str, Any]:
    """An operation's response of problem details."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


def problems(*statuses: int) -> dict[str, Any]:
    """The answers an operation shares with many others, each by its status alone."""
    return {str(status): problem("Problem") for status in statuses}


# How a document describes servicekit.json_api.limit_problem, on the operations a limit guards.
LIMITED_RESPONSE = {
    "429": {
        **problem("Too many requests from this client address or for this recipient"),
        "headers": {
            "Retry-After": {
                "description": "Seconds until a request counts again",
                "schema": {"type": "integer"},
            }
        },
    }
}


def serve_openapi(app: Flask, document: Mapping[str, Any]) -> None:
    """Answer GET /openapi.json with `document`, built once: it does not change while the app
    runs."""

    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return jsonify(document)
