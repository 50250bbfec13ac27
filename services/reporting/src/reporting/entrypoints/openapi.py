"""The OpenAPI 3 document of the reporting service's public endpoints, the PDF download and
its part of a company's export, so that they can be checked and fuzzed against what they
promise like the other services."""

from __future__ import annotations

from typing import Any

from privacy.export import export_openapi_paths
from servicekit.openapi import PROBLEM_SCHEMA, problem


def _refused(description: str) -> dict[str, Any]:
    """A refused link: the problem to a program, a page in the reader's language to a
    browser that asks for HTML first (Accept)."""
    refusal = problem(description)
    refusal["content"]["text/html"] = {"schema": {"type": "string"}}
    return refusal


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
                    "403": _refused("The link is not genuine, or for another report"),
                    "404": _refused("No such report (any more)"),
                    "410": _refused("The link has expired"),
                },
            }
        },
        **export_openapi_paths(),
    },
    "components": {"schemas": {"Problem": PROBLEM_SCHEMA}},
}
