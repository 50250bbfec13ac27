"""The retention jobs as their schedulers run them: one pass and exit (a Kubernetes CronJob),
or `--every SECONDS` until SIGTERM with a health file (compose)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.ports import wait_until
from servicekit.health import health_file_path


def _script(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """Both services' databases migrated by their own migrate commands."""
    env = os.environ | {
        "ASSESSMENT_DATABASE_URL": f"sqlite:///{tmp_path / 'assessment.sqlite3'}",
        "NOTIFICATIONS_DATABASE_URL": f"sqlite:///{tmp_path / 'notifications.sqlite3'}",
        "SECRET_KEY": "test-secret",
        "TMPDIR": str(tmp_path),
    }
    for service in ("assessment", "notifications"):
        subprocess.run([_script(f"{service}-migrate")], env=env, check=True, timeout=120)
    return env


def _messages(output: str) -> list[str]:
    return [json.loads(line)["message"] for line in output.splitlines() if line.startswith("{")]


def test_one_pass_reports_what_it_did_and_exits(environment: dict[str, str]):
    done = subprocess.run(
        [_script("assessment-retention")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert "retention: 0 drafts deleted, 0 mails blanked" in _messages(done.stdout + done.stderr)


def test_every_repeats_the_pass_with_a_health_file_until_sigterm(
    environment: dict[str, str], tmp_path: Path
):
    log = tmp_path / "retention.log"
    with log.open("w") as output:
        job = subprocess.Popen(
            [_script("notifications-retention"), "--every", "0.2"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        assert wait_until(
            lambda: _messages(log.read_text()).count("retention: 0 mails blanked") >= 3, 30
        ), log.read_text()
        health = Path(environment["TMPDIR"]) / health_file_path("notifications", "retention").name
        assert health.exists()
    finally:
        job.send_signal(signal.SIGTERM)
        assert job.wait(timeout=10) == 0
