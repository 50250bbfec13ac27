"""`wegweiser-dev run` as a real subprocess, with stand-in service scripts in a bin dir."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devstack.dev_settings import DevSettings
from devstack.ports import free_port, port_accepts
from devstack.run import READY_LINE

pytestmark = pytest.mark.integration

WEGWEISER_DEV = Path(sys.executable).parent / "wegweiser-dev"

MIGRATE = """
    import pathlib
    pathlib.Path("var/assessment-migrated").write_text("yes")
    print("assessment schema is up to date")
"""
WEB = """
    import http.server, json, os, pathlib, signal, sys
    seen = {name: os.environ.get(name) for name in (
        "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_PROFILE", "SMTP_HOST", "SMTP_PORT")}
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


class Supervisor:
    def __init__(self, workdir: Path, bin_dir: Path) -> None:
        self.workdir = workdir
        self.ports = {
            name: free_port()
            for name in ("KAFKA_LOCAL_PORT", "SMTP_PORT", "MAIL_UI_PORT", "ASSESSMENT_PORT")
        }
        env = {**os.environ, **{k: str(v) for k, v in self.ports.items()}}
        env["DEVSTACK_BIN_DIR"] = str(bin_dir)
        for external in ("KAFKA_BOOTSTRAP_SERVERS", "SMTP_HOST"):
            env.pop(external, None)  # this is about the local stack
        self.process = subprocess.Popen(
            [str(WEGWEISER_DEV), "run"],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            errors="replace",
        )
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def wait_for_line(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.output):
                return
            if not self._reader.is_alive():
                break  # the supervisor has exited and all its output is read
            time.sleep(0.05)
        pytest.fail(f"no line with {text!r}; output:\n{''.join(self.output)}")

    def wait(self, timeout: float) -> int:
        code = self.process.wait(timeout)
        self._reader.join(timeout=5)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def start_supervisor(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Supervisor]]:
    started: list[Supervisor] = []

    def start(scripts: dict[str, str]) -> Supervisor:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        for name, body in scripts.items():
            script = bin_dir / name
            script.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
            script.chmod(0o755)
        workdir = tmp_path / "work"
        workdir.mkdir()
        supervisor = Supervisor(workdir, bin_dir)
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        supervisor.close()


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # exited while we looked
            parent = int(stat.rpartition(")")[2].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent has not collected it yet


def test_run_starts_everything_and_ctrl_c_stops_all_of_it(
    start_supervisor: Callable[[dict[str, str]], Supervisor],
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
    start_supervisor: Callable[[dict[str, str]], Supervisor],
) -> None:
    supervisor = start_supervisor({"assessment-web": WEB, "reporting-worker": CRASHING_WORKER})

    assert supervisor.wait(timeout=30) == 1
    terminal = "".join(supervisor.output)
    assert "reporting-worker exited unexpectedly (exit code 1)" in terminal
    assert "worker lost its database" in terminal
    assert not port_accepts("127.0.0.1", supervisor.ports["ASSESSMENT_PORT"])
    assert not port_accepts("127.0.0.1", supervisor.ports["KAFKA_LOCAL_PORT"])


def test_a_failed_migration_stops_start_up_before_any_service_runs(
    start_supervisor: Callable[[dict[str, str]], Supervisor],
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
