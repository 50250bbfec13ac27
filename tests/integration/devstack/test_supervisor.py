"""`wegweiser-dev run` as a real subprocess, with stand-in service scripts in a bin dir."""

from __future__ import annotations

import json
import signal
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from process_tree import descendants, is_alive

from devstack.dev_settings import DevSettings
from devstack.ports import port_accepts
from devstack.run import READY_LINE

pytestmark = pytest.mark.integration


MIGRATE = """
    import pathlib
    pathlib.Path("var/assessment-migrated").write_text("yes")
    print("assessment schema is up to date")
"""
WEB = """
    import http.server, json, os, pathlib, signal, sys
    seen = {name: os.environ.get(name) for name in (
        "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_PROFILE", "SMTP_HOST", "SMTP_PORT", "TMPDIR")}
    seen["migrated_first"] = pathlib.Path("var/assessment-migrated").exists()
    pathlib.Path("var/web-saw.json").write_text(json.dumps(seen))
    server = http.server.HTTPServer(
        ("127.0.0.1", int(os.environ["ASSESSMENT_PORT"])), http.server.SimpleHTTPRequestHandler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("assessment web up")
    server.serve_forever()
"""
# Leaves a helper behind on SIGTERM, as a careless worker pool would.
WORKER_WITH_HELPER = """
    import subprocess, sys, time
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    print("worker polling")
    time.sleep(60)
"""
CRASHING_WORKER = """
    import time
    time.sleep(0.5)
    raise SystemExit("worker lost its database")
"""
FAILING_MIGRATE = """
    raise SystemExit("migration 0002 failed")
"""


def test_run_starts_everything_and_ctrl_c_stops_all_of_it(
    start_supervisor: Callable[..., Any],
) -> None:
    supervisor = start_supervisor(
        {
            "assessment-migrate": MIGRATE,
            "assessment-web": WEB,
            "notifications-worker": WORKER_WITH_HELPER,
        }
    )
    supervisor.wait_for_line(READY_LINE)
    ports = supervisor.ports

    terminal = "".join(supervisor.output)
    assert f"http://127.0.0.1:{ports['ASSESSMENT_PORT']}/" in terminal
    assert f"http://127.0.0.1:{ports['MAIL_UI_PORT']}/" in terminal
    assert f"127.0.0.1:{ports['KAFKA_LOCAL_PORT']}" in terminal
    assert "reporting web" not in terminal  # not installed, so not started or announced
    assert port_accepts("127.0.0.1", ports["KAFKA_LOCAL_PORT"])
    mail_page = f"http://127.0.0.1:{ports['MAIL_UI_PORT']}/"
    with urllib.request.urlopen(mail_page, timeout=5) as response:
        assert response.status == 200
    saw = json.loads((supervisor.workdir / "var/web-saw.json").read_text())
    assert saw == {
        "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{ports['KAFKA_LOCAL_PORT']}",
        "KAFKA_PROFILE": "tansu",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(ports["SMTP_PORT"]),
        "TMPDIR": str(supervisor.workdir / "var/tmp"),  # health files: local state too
        "migrated_first": True,
    }
    supervisor.wait_for_line("worker polling")
    family = descendants(supervisor.process.pid)
    assert len(family) == 4  # broker, web, worker and the worker's helper

    supervisor.process.send_signal(signal.SIGINT)

    assert supervisor.wait(timeout=15) == 0
    assert not [pid for pid in family if is_alive(pid)]
    assert not [name for name, port in ports.items() if port_accepts("127.0.0.1", port)]
    logs = supervisor.workdir / "var/log"
    assert "assessment schema is up to date" in (logs / "assessment-migrate.log").read_text()
    assert "assessment web up" in (logs / "assessment-web.log").read_text()
    assert "assessment-web        | assessment web up" in "".join(supervisor.output)


def test_a_service_that_dies_stops_the_whole_system_with_an_error(
    start_supervisor: Callable[..., Any],
) -> None:
    supervisor = start_supervisor({"assessment-web": WEB, "reporting-worker": CRASHING_WORKER})

    assert supervisor.wait(timeout=30) == 1
    terminal = "".join(supervisor.output)
    assert "reporting-worker exited unexpectedly (exit code 1)" in terminal
    assert "worker lost its database" in terminal
    assert not port_accepts("127.0.0.1", supervisor.ports["ASSESSMENT_PORT"])
    assert not port_accepts("127.0.0.1", supervisor.ports["KAFKA_LOCAL_PORT"])


def test_a_failed_migration_stops_start_up_before_any_service_runs(
    start_supervisor: Callable[..., Any],
) -> None:
    supervisor = start_supervisor({"assessment-migrate": FAILING_MIGRATE, "assessment-web": WEB})

    assert supervisor.wait(timeout=30) == 1
    terminal = "".join(supervisor.output)
    assert "assessment-migrate failed with exit code 1" in terminal
    assert "migration 0002 failed" in terminal
    assert not (supervisor.workdir / "var/web-saw.json").exists()
    assert not port_accepts("127.0.0.1", supervisor.ports["KAFKA_LOCAL_PORT"])


def test_service_scripts_are_looked_up_next_to_the_running_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DEVSTACK_BIN_DIR", raising=False)
    assert DevSettings.from_env({}).bin_dir == Path(sys.executable).parent


def test_every_service_is_told_where_the_other_webs_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the dev secrets are kept under var/
    settings = DevSettings.from_env({"REPORTING_PORT": "9101"})

    env = settings.child_environment({"PUBLIC_BASE_URL_ASSESSMENT": "http://check.localhost"})

    assert env["PUBLIC_BASE_URL_REPORTING"] == "http://127.0.0.1:9101"
    assert env["PUBLIC_BASE_URL_NOTIFICATIONS"] == "http://127.0.0.1:8002"
    assert env["PUBLIC_BASE_URL_ASSESSMENT"] == "http://check.localhost"  # set: kept
