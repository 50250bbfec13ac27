"""Reading a request's JSON body so that no input can cause a 500.

The size limit (413) is Flask's MAX_CONTENT_LENGTH; this adds the content type, syntax and
a nesting limit: no valid request nests deeper, and deep nesting costs recursion elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

from flask import request

from assessment.api.problems import ApiProblem

MAX_DEPTH = 8


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
