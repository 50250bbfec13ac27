"""Liveness of a long-running loop as the age of a file it touches while it turns.

An orchestrator checks it with `python -m servicekit.health FILE MAX_AGE_SECONDS` (exit 0 when
fresh): a loop stuck in a step or dead stops touching the file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


class HealthFile:
    def __init__(self, path: Path, *, every_s: float = 1.0) -> None:
        self.path = path
        self._every_s = every_s
        self._last: float | None = None

    def beat(self) -> None:
        now = time.monotonic()
        if self._last is None or now - self._last >= self._every_s:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()
            self._last = now


def health_file_path(service: str, role: str) -> Path:
    """Where the health file of a service's process lives; the deploy files' probes name it."""
    return Path(tempfile.gettempdir()) / f"wegweiser-{service}-{role}.health"


def is_fresh(path: Path, max_age_s: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime <= max_age_s
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    sys.exit(0 if is_fresh(Path(sys.argv[1]), float(sys.argv[2])) else 1)
