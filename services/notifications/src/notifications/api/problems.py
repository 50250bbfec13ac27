"""Errors of the booking API as RFC 9457 problem details, in servicekit's format plus the
field-level `errors` map."""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify
from marshmallow import ValidationError

PROBLEM_JSON = "application/problem+json"


class ApiProblem(Exception):
    def __init__(
        self, status: int, title: str, detail: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors


def problem_response(error: ApiProblem) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": error.title,
        "status": error.status,
        "detail": error.detail,
        "correlation_id": g.get("correlation_id"),
    }
    if error.errors is not None:
        body["errors"] = error.errors
    response = jsonify(body)
    response.status_code = error.status
    response.content_type = PROBLEM_JSON
    return response


def validation_problem(error: ValidationError) -> Response:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return problem_response(
        ApiProblem(
            422, "Unprocessable Content", "The request has invalid or unknown fields.", messages
        )
    )
