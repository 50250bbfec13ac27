"""Metrics as Prometheus scrapes them from the real processes: the web's /metrics sums all
gunicorn workers, and the worker, relay and mailer serve theirs on METRICS_PORT."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.ports import LOOPBACK, free_port, port_accepts, wait_until
from reporting.entrypoints.cli import processes as reporting_processes

START_TIMEOUT_S = 30


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("REPORTING_DATABASE_URL", f"sqlite:///{tmp_path / 'reporting.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("BOOKING_LINK_SECRET", "test-booking-links")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    reporting_processes.migrate()
    return os.environ | {
        "TMPDIR": str(tmp_path),  # health files and the metrics folder go here
        # A broker that is not there: the processes must serve metrics regardless.
        "KAFKA_BOOTSTRAP_SERVERS": f"{LOOPBACK}:{free_port()}",
    }


@pytest.fixture
def run() -> Iterator:
    started: list[subprocess.Popen[bytes]] = []

    def start(script: str, env: dict[str, str], port: int) -> None:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name(script))],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        assert wait_until(lambda: port_accepts(LOOPBACK, port), START_TIMEOUT_S), script

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def _healthz_requests_counted(metrics: str) -> float:
    pattern = r'^wegweiser_http_requests_total\{[^}]*endpoint="healthz"[^}]*\} (\S+)$'
    return sum(float(value) for value in re.findall(pattern, metrics, re.MULTILINE))


def test_the_web_metrics_count_the_requests_of_every_gunicorn_worker(environment, run):
    port = free_port()
    run("reporting-web", environment | {"REPORTING_PORT": str(port), "WEB_CONCURRENCY": "2"}, port)
    base = f"http://{LOOPBACK}:{port}"

    for _ in range(40):  # a new connection each time, so both workers answer some
        _get(f"{base}/healthz")

    # Whichever worker answers the scrape, it reports all 40.
    for _ in range(5):
        assert _healthz_requests_counted(_get(f"{base}/metrics")) == 40


def test_the_relay_serves_its_metrics_on_metrics_port(environment, run):
    port = free_port()
    run("reporting-relay", environment | {"METRICS_PORT": str(port)}, port)

    metrics = _get(f"http://{LOOPBACK}:{port}/metrics")

    assert "# TYPE wegweiser_outbox_published_total counter" in metrics
    assert "# TYPE wegweiser_events_consumed_total counter" in metrics
