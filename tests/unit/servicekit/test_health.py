"""A loop's liveness is the age of the file it touches while it turns."""

from __future__ import annotations

import os
import time
from pathlib import Path

from servicekit.health import HealthFile, is_fresh


def test_a_beating_worker_is_fresh_and_a_silent_one_goes_stale(tmp_path: Path):
    path = tmp_path / "run" / "reporting-worker.health"
    assert not is_fresh(path, max_age_s=60)  # never started

    HealthFile(path).beat()
    assert is_fresh(path, max_age_s=60)

    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    assert not is_fresh(path, max_age_s=60)


def test_beats_touch_the_file_at_most_once_per_interval(tmp_path: Path):
    path = tmp_path / "worker.health"
    health = HealthFile(path, every_s=3600)
    health.beat()
    first = path.stat().st_mtime_ns
    path.unlink()

    health.beat()

    assert not path.exists(), "a second beat within the interval must not write"
    assert first > 0
