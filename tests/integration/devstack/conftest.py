"""Running `wegweiser-dev run` as a real subprocess and reading what it prints."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from supervisor_process import Supervisor

from devstack.ports import free_port

LOCAL_PORTS = (
    "KAFKA_LOCAL_PORT",
    "SMTP_PORT",
    "MAIL_UI_PORT",
    "ASSESSMENT_PORT",
    "REPORTING_PORT",
    "NOTIFICATIONS_PORT",
)


def supervisor_on_free_ports(workdir: Path, bin_dir: Path) -> Supervisor:
    """The local stack on ports nobody uses, with the service scripts of `bin_dir`."""
    ports = {name: free_port() for name in LOCAL_PORTS}
    env = {**os.environ, **{name: str(port) for name, port in ports.items()}}
    env["DEVSTACK_BIN_DIR"] = str(bin_dir)
    for external in ("KAFKA_BOOTSTRAP_SERVERS", "SMTP_HOST"):
        env.pop(external, None)  # this is about the local stack
    return Supervisor(workdir, env, ports)


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
        supervisor = supervisor_on_free_ports(workdir, bin_dir)
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
        started.append(supervisor_on_free_ports(workdir, Path(sys.executable).parent))
        return started[-1]

    yield start
    for supervisor in started:
        supervisor.close()
