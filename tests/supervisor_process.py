"""`wegweiser-dev run`, the command behind `make run`, as a real subprocess in a folder of
the test's choosing, with what it prints collected as it comes."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

WEGWEISER_DEV = Path(sys.executable).parent / "wegweiser-dev"


class Supervisor:
    def __init__(self, workdir: Path, env: Mapping[str, str], ports: Mapping[str, int]) -> None:
        self.workdir = workdir
        self.ports = dict(ports)  # the ports it was told to use, by variable name
        self.process = subprocess.Popen(
            [str(WEGWEISER_DEV), "run"],
            cwd=workdir,
            env=dict(env),
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
