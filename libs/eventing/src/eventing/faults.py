"""Named crash points for the fault-injection tests; inert unless WEGWEISER_FAULT_POINT names one.

A test starts a process with `WEGWEISER_FAULT_POINT=<name>`; when the process reaches that
point it dies at once (like SIGKILL: no cleanup, no commit), so the test can check what a
restarted process makes of the half-done work.
"""

from __future__ import annotations

import os
from functools import cache

FAULT_POINT_VARIABLE = "WEGWEISER_FAULT_POINT"


@cache
def _armed_point() -> str | None:
    return os.environ.get(FAULT_POINT_VARIABLE) or None


def fault_point(name: str) -> None:
    if _armed_point() == name:
        os._exit(137)
