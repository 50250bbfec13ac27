"""The OpenAPI 3 document of the booking API, generated from its marshmallow schemas."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from notifications.entrypoints.api import schemas
from notifications.entrypoints.api.views import API_PREFIX, IDEMPOTENCY_HEADER
from privacy.export import export_openapi_paths
from servicekit.openapi import LIMITED_RESPONSE, PROBLEM_SCHEMA, problems

_TOKEN: list[dict[str, list[str]]] = [{"bookingToken": []}]
_MEETING_ID = {"name": "meeting_id", "in": "path", "required": True, "schema": {"type": "string"}}
# Every call opens the booking with the token: 401 missing, 403 not genuine, 410 expired,
# 404 while the assessment is not known here yet.
_TOKEN_PROBLEMS = (401, 403, 404, 410)


def _json(schema: str | dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _problems(*statuses: int) -> dict[str, Any]:
    return problems(*sorted({*statuses, *_TOKEN_PROBLEMS}))


def _meeting(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json("Meeting")}


def openapi_document() -> dict[str, Any]:
    spec = APISpec(
        title="Wegweiser booking API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
    )
    spec.components.security_scheme(
        "bookingToken",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "The token of the company's booking link (`.../book/<token>`).",
        },
    )
    for name in (
        "BookMeeting",
        "Reschedule",
        "Slot",
        "Meeting",
        "CallbackRequestBody",
        "CallbackRequest",
    ):
        spec.components.schema(name, schema=getattr(schemas, f"{name}Schema"))
    spec.components.schema("Problem", PROBLEM_SCHEMA)
    spec.path(
        path=f"{API_PREFIX}/slots",
        operations={
            "get": {
                "summary": "Free slots of the company's advisor(s) for the next four weeks",
                "security": _TOKEN,
                "responses": {
                    "200": {
                        "description": "Free slots, earliest first",
                        "content": _json({"type": "array", "items": "Slot"}),
                    },
                    **_problems(),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/meetings",
        operations={
            "post": {
                "summary": "Book a free slot (one active meeting per company)",
                "security": _TOKEN,
                "parameters": [
                    {
                        "name": IDEMPOTENCY_HEADER,
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 100},
                        "description": "A repeat with the same key returns the first booking.",
                    }
                ],
                "requestBody": {"required": True, "content": _json("BookMeeting")},
                "responses": {
                    "201": _meeting("Booked; invitations are mailed to both sides"),
                    **_problems(400, 409, 413, 415, 422),
                    **LIMITED_RESPONSE,
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/meetings/{{meeting_id}}",
        operations={
            "get": {
                "summary": "The company's meeting",
                "security": _TOKEN,
                "parameters": [_MEETING_ID],
                "responses": {"200": _meeting("The meeting"), **_problems()},
            },
            "delete": {
                "summary": "Cancel the meeting (the CANCEL invitation is mailed to both sides)",
                "security": _TOKEN,
                "parameters": [_MEETING_ID],
                "responses": {
                    "200": _meeting("Cancelled"),
                    **_problems(409),
                    **LIMITED_RESPONSE,
                },
            },
        },
    )
    spec.path(
        path=f"{API_PREFIX}/meetings/{{meeting_id}}/reschedule",
        operations={
            "post": {
                "summary": "Move the meeting to another free slot of its advisor",
                "security": _TOKEN,
                "parameters": [_MEETING_ID],
                "requestBody": {"required": True, "content": _json("Reschedule")},
                "responses": {
                    "200": _meeting("Moved; updated invitations are mailed"),
                    **_problems(400, 409, 413, 415, 422),
                    **LIMITED_RESPONSE,
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/callback-requests",
        operations={
            "post": {
                "summary": (
                    "Ask for a call back when no date is free (one open request per company; "
                    "the admins are told)"
                ),
                "security": _TOKEN,
                "requestBody": {"required": True, "content": _json("CallbackRequestBody")},
                "responses": {
                    "201": {"description": "Requested", "content": _json("CallbackRequest")},
                    "200": {
                        "description": "The company's request that is open already",
                        "content": _json("CallbackRequest"),
                    },
                    **_problems(400, 409, 413, 415, 422),
                    **LIMITED_RESPONSE,
                },
            }
        },
    )
    for path, operations in export_openapi_paths().items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()
