"""The assessment API's own problem: an assessment that does not open."""

from __future__ import annotations

from servicekit.json_api import ApiProblem


def not_found() -> ApiProblem:
    return ApiProblem(
        404, "Not Found", "No assessment with this id opens with this token (or it has expired)."
    )
