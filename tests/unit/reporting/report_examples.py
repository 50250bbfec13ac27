"""The `assessment.scored` examples of the event contract, as the consumer reads them."""

from __future__ import annotations

import copy
from typing import Any

from eventing.codec import decode
from eventing.examples import all_examples


def scored_example(case: str) -> dict[str, Any]:
    """The data of the example named `assessment.scored.v1.<case>...`, a fresh copy."""
    [example] = [e for e in all_examples() if e.name.startswith(f"assessment.scored.v1.{case}")]
    return copy.deepcopy(decode(example.raw).data)
