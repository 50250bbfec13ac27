"""The OpenAPI 3 document of the reporting service's public endpoints, the PDF download and
its part of a company's export, so that they can be checked and fuzzed against what they
promise like the other services."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify

from servicekit.privacy import export_openapi_paths

_PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "correlation_id": {"type": "string", "nullable": True},
    },
}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Wegweiser reporting API", "version": "1"},
    "paths": {
        "/reports/{report_id}.pdf": {
            "get": {
                "summary": "The report's PDF, behind the signed, expiring link of its mails",
                "parameters": [
                    {
                        "name": "report_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {
                        "name": "token",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The PDF",
                        "content": {
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                        },
                    },
                    "403": _problem("The link is not genuine, or for another report"),
                    "404": _problem("No such report (any more)"),
                    "410": _problem("The link has expired"),
                },
            }
        },
        **export_openapi_paths(),
    },
    "components": {"schemas": {"Problem": _PROBLEM_SCHEMA}},
}


def install_openapi(app: Flask) -> None:
    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return jsonify(DOCUMENT)
