"""Service processes whose output goes both to `<log_dir>/<name>.log` and to the terminal."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

from devstack.console import say
from servicekit.parent_death import ends_with_this_process

logger = logging.getLogger(__name__)


class ChildProcess:
    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        log_dir: Path,
    ) -> None:
        self.name = name
        self.command = list(command)
        self.env = dict(env)
        self.log_path = log_dir / f"{name}.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._pump: threading.Thread | None = None
        self._closed = False

    @property
    def pid(self) -> int:
        assert self._process is not None, f"{self.name} was never started"
        return self._process.pid

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = self.log_path.open("ab")
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=self.env,
                # Its own process group: Ctrl-C reaches only the supervisor, which then stops
                # the services before the broker; and kill() can take grandchildren along.
                process_group=0,
                # A supervisor killed outright cannot stop it; it must not outlive it.
                preexec_fn=ends_with_this_process(),
            )
        except BaseException:
            log_file.close()
            raise
        assert self._process.stdout is not None
        self._pump = threading.Thread(
            target=_copy_lines,
            args=(self.name, self._process.stdout, log_file),
            name=f"output-{self.name}",
            daemon=True,
        )
        self._pump.start()
        logger.info("started %s (pid %s)", self.name, self._process.pid)

    def exit_code(self) -> int | None:
        """None while it runs."""
        return None if self._process is None else self._process.poll()

    def terminate(self) -> None:
        if self.exit_code() is None and self._process is not None:
            self._process.terminate()

    def kill(self) -> None:
        """SIGKILL the whole process group, so helpers it started die with it."""
        if self._process is None:
            return
        # Fails when the group is gone (and its id may since belong to someone else).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int | None:
        """Exit code, or None if it still runs after `timeout` seconds."""
        if self._process is None:
            return None
        try:
            return self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        """Reap the process and finish copying its output (call after it has exited)."""
        if self._process is None or self._closed:
            return
        self._closed = True
        self._process.wait()
        # Helpers it started (e.g. web server workers) may outlive it; they must not linger.
        self.kill()
        if self._pump is not None:
            self._pump.join(timeout=2.0)


def _copy_lines(name: str, stream: IO[bytes], log_file: IO[bytes]) -> None:
    with stream, log_file:
        for line in iter(stream.readline, b""):
            log_file.write(line)
            log_file.flush()
            say(name, line.decode("utf-8", errors="replace").rstrip("\r\n"))


def stop_all(children: Sequence[ChildProcess], *, timeout: float, forced: threading.Event) -> None:
    """SIGTERM everyone at once, wait up to `timeout` s (or until `forced`), then SIGKILL."""
    running = [child for child in children if child.exit_code() is None]
    if running:
        logger.info("stopping %s", ", ".join(child.name for child in running))
    for child in running:
        child.terminate()
    deadline = time.monotonic() + timeout
    while any(child.exit_code() is None for child in running):
        if forced.is_set() or time.monotonic() >= deadline:
            reason = "asked twice" if forced.is_set() else f"no exit within {timeout:g} s"
            for child in running:
                if child.exit_code() is None:
                    logger.warning("killing %s (%s)", child.name, reason)
                    child.kill()
            break
        time.sleep(0.05)
    for child in children:
        child.close()
