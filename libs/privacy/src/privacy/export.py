"""The export of a company's data across services, each part behind a signed link.

A company asks the assessment service (with its resume token) for what is held about it.
That service answers with its own data and, for every other service holding copies, a link
`<service>/api/v1/privacy/export/<token>`: the token names the company id for the purpose
"privacy-export", signed with BOOKING_LINK_SECRET (all three services have it) and short-lived,
so no service has to ask another one and whoever holds the company's resume token — and only
they — can fetch every part. An admin at the notifications desk gets the same links for all three
parts, for requests that arrive by letter or phone. A link issued before the company revoked
its links answers 403 (privacy.link_cutoffs).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify
from sqlalchemy import Connection

from privacy import link_cutoffs
from servicekit import signed_tokens
from servicekit.app_clock import current_time
from servicekit.openapi import problem
from servicekit.web import ENGINE_EXTENSION

PURPOSE = "privacy-export"
EXPORT_PATH = "/api/v1/privacy/export"
# Long enough to fetch the parts right after asking, short enough that a forwarded export
# answer soon stops opening anything.
LINK_LIFETIME = timedelta(hours=1)

Collect = Callable[[Connection, uuid.UUID], dict[str, Any]]


def export_url(
    base_url: str, keys: signed_tokens.SigningKeys, company_id: uuid.UUID, now: datetime
) -> str:
    token = signed_tokens.sign(
        keys, PURPOSE, str(company_id), issued_at=now, expires_at=now + LINK_LIFETIME
    )
    return f"{base_url.rstrip('/')}{EXPORT_PATH}/{token}"


def export_blueprint(service: str, keys: signed_tokens.SigningKeys, collect: Collect) -> Blueprint:
    """`GET /api/v1/privacy/export/<token>`: what `collect` finds for the token's company."""
    blueprint = Blueprint("privacy_export", __name__)

    @blueprint.get(f"{EXPORT_PATH}/<token>")
    def export(token: str) -> Response:
        try:
            verified = signed_tokens.verify(keys, PURPOSE, token, current_time())
            company_id = uuid.UUID(verified.subject)
        except (signed_tokens.TokenInvalid, ValueError):
            abort(403, "This export link is not valid.")
        except signed_tokens.TokenExpired:
            abort(410, "This export link has expired; ask for the export again.")
        with current_app.extensions[ENGINE_EXTENSION].connect() as connection:
            if signed_tokens.withdrawn(verified, link_cutoffs.valid_from(connection, company_id)):
                abort(403, "This export link was withdrawn; ask for the export again.")
            data = collect(connection, company_id)
        response = jsonify(as_json({"service": service, "company_id": company_id, "data": data}))
        # The answer is personal data: no cache keeps it, no page it links to learns its URL.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return blueprint


def export_openapi_paths() -> dict[str, Any]:
    """The route of `export_blueprint`, for a service's OpenAPI document."""
    return {
        f"{EXPORT_PATH}/{{token}}": {
            "get": {
                "summary": "The company's data held by this service (GDPR Art. 15/20), behind "
                "a signed link valid for an hour",
                "parameters": [
                    {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "This service's part of the export",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["service", "company_id", "data"],
                                    "properties": {
                                        "service": {"type": "string"},
                                        "company_id": {"type": "string", "format": "uuid"},
                                        "data": {"type": "object"},
                                    },
                                }
                            }
                        },
                    },
                    "403": problem("The link is not genuine, or was withdrawn"),
                    # A token with a slash in it reaches no route.
                    "404": problem("No such link"),
                    "410": problem("The link has expired"),
                },
            }
        }
    }


def as_json(value: Any) -> Any:
    """Rows and values as plain JSON: ids as strings, times in ISO 8601 (Flask's default
    would write HTTP dates)."""
    if isinstance(value, Mapping):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_json(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value
