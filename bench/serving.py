"""Serving an app for a bench the way production serves it: servicekit's gunicorn runner."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from devstack.ports import LOOPBACK, free_port, port_accepts, wait_until

START_TIMEOUT_S = 60.0


class ServerDidNotStart(RuntimeError):
    pass


@contextmanager
def gunicorn(service: str, code: str, env: Mapping[str, str], log: Path) -> Iterator[int]:
    """Run `code` (which serves an app as `<service>-web` does) on a free loopback port with
    its logs in `log`; yields the port."""
    port = free_port()
    prefix = service.upper()
    env = {**env, f"{prefix}_HOST": LOOPBACK, f"{prefix}_PORT": str(port)}
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        if not wait_until(lambda: port_accepts(LOOPBACK, port), START_TIMEOUT_S, 0.1):
            raise ServerDidNotStart(f"gunicorn did not listen on {port}; see {log}")
        yield port
    finally:
        process.send_signal(signal.SIGTERM)  # the arbiter (the runner exec'd into it)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
