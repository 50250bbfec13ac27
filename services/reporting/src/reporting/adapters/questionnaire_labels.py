"""The wording of each questionnaire version, packaged with the service for the appendix."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def questionnaire_labels(version: str) -> dict[str, Any]:
    """Questions and option labels of `version`; empty for a version this service does not
    know yet, whose answers the appendix then shows by their ids."""
    resource = files("reporting") / "questionnaires" / f"{version}.json"
    if "/" in version or not resource.is_file():
        return {}
    return json.loads(resource.read_text(encoding="utf-8"))
