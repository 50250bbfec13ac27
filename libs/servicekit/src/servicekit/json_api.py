"""What every JSON API of the services shares: errors as RFC 9457 problem details (with a
field-level `errors` map, nested like the request body), and reading a request's JSON body
so that no input can cause a 500.

The size limit (413) is Flask's MAX_CONTENT_LENGTH (servicekit.web); `json_body` adds the
content type, the syntax and a nesting limit: no valid request nests deeper, and deep nesting
costs recursion elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, g, jsonify, request
from marshmallow import ValidationError

from servicekit.request_limits import LimitReached

PROBLEM_JSON = "application/problem+json"
MAX_DEPTH = 8


class ApiProblem(Exception):
    """Raised by views and helpers; answered as problem+json by `install_problem_handlers`."""

    def __init__(
        self, status: int, title: str, detail: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors


def install_problem_handlers(api: Blueprint) -> None:
    api.register_error_handler(ApiProblem, problem_response)
    api.register_error_handler(ValidationError, validation_problem)
    api.register_error_handler(LimitReached, limit_problem)


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


def limit_problem(limited: LimitReached) -> Response:
    response = problem_response(
        ApiProblem(
            429,
            "Too Many Requests",
            f"Too many requests from this address or for this recipient; "
            f"try again in {limited.retry_after} seconds.",
        )
    )
    response.headers["Retry-After"] = str(limited.retry_after)
    return response


def invalid_input(errors: dict[str, Any]) -> ApiProblem:
    return ApiProblem(
        422, "Unprocessable Content", "The request has invalid or unknown fields.", errors
    )


def validation_problem(error: ValidationError) -> Response:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return problem_response(invalid_input(messages))


def json_body() -> Any:
    if not request.is_json:
        raise ApiProblem(415, "Unsupported Media Type", "Send the body as application/json.")
    raw = request.get_data(cache=False)
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise ApiProblem(400, "Bad Request", "The body is not valid JSON.") from error
    if _depth_exceeds(document, MAX_DEPTH):
        raise ApiProblem(400, "Bad Request", f"The body nests deeper than {MAX_DEPTH} levels.")
    return document


def _depth_exceeds(document: Any, limit: int) -> bool:
    # Iterative on purpose: a recursive walk is what a hostile body would exhaust.
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return False
