"""Fuzzing one service's API from its OpenAPI document with Schemathesis, bounded and
repeatable, so the whole run stays well under two minutes in every test run (a longer,
unbounded run is for a nightly job).

Schemathesis's pytest integration (`from_fixture`, `parametrize`) does not run on pytest 9
(it reads `Function._nodeid`, which pytest 9 removed), so each operation's strategy is run
with Hypothesis directly: the same generation and the same checks.
"""

from __future__ import annotations

import re
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

# Per API operation and mode; derandomized so a failure shows again on the next run; no
# example database left in the work tree.
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# No 5xx; every answer as documented (status, content type, body schema); invalid input
# refused with a 4xx.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def fuzz(
    app: Flask,
    mode: GenerationMode,
    *,
    path_parameters: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> list[str]:
    """Run every operation of the app's /openapi.json; return the operations it ran.

    `path_parameters` and `headers` pin values (a real id, a valid token) so that the
    generated bodies and queries reach the code behind the authentication."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    ran = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = set(re.findall(r"{(\w+)}", operation.path))
        pinned: dict[str, Any] = {k: v for k, v in (path_parameters or {}).items() if k in names}
        strategy = operation.as_strategy(mode, path_parameters=pinned or None, headers=headers)

        @BOUNDED
        @given(case=strategy)
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Negative mode: with the id and the token pinned, nothing of it can be made
            # invalid (e.g. a POST without body or query).
            assert mode is GenerationMode.NEGATIVE, operation.path
            continue
        ran.append(f"{operation.method.upper()} {operation.path}")
    return ran
