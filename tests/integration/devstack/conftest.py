"""Running `wegweiser-dev run` as a real subprocess and reading what it prints."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devstack.ports import free_port

WEGWEISER_DEV = Path(sys.executable).parent / "wegweiser-dev"


class Supervisor:
    def __init__(self, workdir: Path, bin_dir: Path) -> None:
        self.workdir = workdir
        self.ports = {
            name: free_port()
            for name in (
                "KAFKA_LOCAL_PORT",
                "SMTP_PORT",
                "MAIL_UI_PORT",
                "ASSESSMENT_PORT",
                "REPORTING_PORT",
                "NOTIFICATIONS_PORT",
            )
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


@pytest.fixture
def start_real_system(tmp_path: Path) -> Iterator[Callable[[], Supervisor]]:
    """`wegweiser-dev run` with the services installed in this venv, as `make run` starts it."""
    started: list[Supervisor] = []

    def start() -> Supervisor:
        workdir = tmp_path / "system"
        workdir.mkdir()
        started.append(Supervisor(workdir, Path(sys.executable).parent))
        return started[-1]

    yield start
    for supervisor in started:
        supervisor.close()
