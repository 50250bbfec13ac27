"""The `assessment.scored` examples of the event contract, as the consumer reads them."""

from __future__ import annotations

from typing import Any

from testkit.events import example


def scored_example(case: str) -> dict[str, Any]:
    """The data of the example named `assessment.scored.v1.<case>...`, a fresh copy."""
    return example(f"assessment.scored.v1.{case}").data
