"""The privacy operations of the JSON API and the signed export link, for its OpenAPI
document."""

from __future__ import annotations

from typing import Any

from privacy.export import export_openapi_paths
from servicekit.openapi import problems


def openapi_paths(api_prefix: str) -> dict[str, Any]:
    """The privacy operations, for the API's OpenAPI document."""
    parameters = [
        {"name": "assessment_id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    return {
        # The signed export link (the desk's admin export), as servicekit serves it.
        **export_openapi_paths(),
        f"{api_prefix}/assessments/{{assessment_id}}/export": {
            "get": {
                "summary": "Everything held about the company (GDPR Art. 15/20), with signed "
                "links to the other services' parts",
                "parameters": parameters,
                "security": [{"resumeToken": []}],
                "responses": {
                    "200": {"description": "The export", "content": {"application/json": {}}},
                    **problems(401, 404),
                },
            }
        },
        f"{api_prefix}/assessments/{{assessment_id}}/erasure": {
            "post": {
                "summary": "Erase all data about the company in every service (cannot be undone)",
                "parameters": parameters,
                "security": [{"resumeToken": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["confirm"],
                                "properties": {"confirm": {"type": "boolean", "enum": [True]}},
                            }
                        }
                    },
                },
                "responses": {
                    "202": {"description": "Requested", "content": {"application/json": {}}},
                    **problems(400, 401, 404, 413, 415, 422),
                },
            }
        },
    }
