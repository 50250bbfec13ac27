"""The OpenAPI 3 document of the reporting service's public endpoints, the PDF download and
its part of a company's export, so that they can be checked and fuzzed against what they
promise like the other services."""

from __future__ import annotations

from typing import Any

from privacy.export import export_openapi_paths
from servicekit.openapi import PROBLEM_SCHEMA, problem

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
                    "403": problem("The link is not genuine, or for another report"),
                    "404": problem("No such report (any more)"),
                    "410": problem("The link has expired"),
                },
            }
        },
        **export_openapi_paths(),
    },
    "components": {"schemas": {"Problem": PROBLEM_SCHEMA}},
}
