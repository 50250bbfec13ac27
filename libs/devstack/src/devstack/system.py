"""The whole Wegweiser system on loopback, for end-to-end tests and benches.

`System` starts its own broker (Tansu, or Apache Kafka with `broker_kind="apache"`) and SMTP
sink on free ports, migrates each service's
database (SQLite files under its root unless URLs are given), then starts every service
process from its console script, each with its log file under `<root>/log/`. Every piece
can be stopped, killed and started again on its own, which is what the fault tests need;
unlike `make run`, nothing here stops the rest when one process dies.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from devstack.dev_settings import PROCESS_ROLES, SERVICES
from devstack.local_kafka import LOCAL_SESSION_TIMEOUT_MS, local_broker
from devstack.ports import LOOPBACK, free_port, wait_until
from devstack.smtp_sink import SmtpSink
from eventing.admin import ensure_topics
from eventing.kafka_settings import KafkaSettings

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0

# Inherited settings that would point a process at something other than this system.
_FOREIGN_SETTINGS = ("PROMETHEUS_MULTIPROC_DIR", "DEVSTACK_BIN_DIR", "WEGWEISER_FAULT_POINT")


class SystemStartError(RuntimeError):
    pass


class ServiceProcess:
    """One console script as a child process in its own process group, output to a file."""

    def __init__(self, name: str, command: list[str], env: Mapping[str, str], log_dir: Path):
        self.name = name
        self.command = command
        self.env = dict(env)
        self.log_path = log_dir / f"{name}.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self._process is not None, f"{self.name} is not started"
        return self._process.pid

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        assert not self.is_running(), f"{self.name} runs already"
        self._close_log()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=self.env,
            # Its own group: kill() takes the helpers it started along (gunicorn workers,
            # the reporting worker's render process), as a container runtime would.
            process_group=0,
        )

    def terminate(self) -> None:
        if self.is_running():
            assert self._process is not None
            self._process.terminate()

    def kill(self) -> None:
        """SIGKILL the process and everything it started: no cleanup, no commit."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._close_log()

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM and wait for a clean exit; SIGKILL after `timeout_s`."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout_s)
        self.kill()  # also reaps helpers that outlived their parent

    def restart(self) -> None:
        self.stop()
        self.start()

    def wait(self, timeout_s: float) -> int:
        assert self._process is not None, f"{self.name} is not started"
        return self._process.wait(timeout_s)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def where_it_stands(self, lines: int = 80) -> str:
        """Asks a loop process for its threads' stacks (servicekit.process) and returns the
        end of its log: what a failed test shows of a process that stopped doing its work."""
        if self.is_running() and not self.name.endswith("-web"):
            before = len(self.log_text())
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGUSR1)
            # No reply to wait on: the dump is there once its header is and the log stops
            # growing (faulthandler writes it at once, from the signal handler).
            sizes = [before]

            def dumped() -> bool:
                text = self.log_text()
                sizes.append(len(text))
                return "(most recent call first)" in text[before:] and sizes[-1] == sizes[-2]

            wait_until(dumped, timeout=5, interval=0.05)
        return "\n".join(self.log_text().splitlines()[-lines:])

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


class System:
    """Broker, SMTP sink and every service process; `processes["reporting-worker"]` etc."""

    def __init__(
        self,
        root: Path,
        *,
        database_urls: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        bin_dir: Path | None = None,
        broker_kind: str = "tansu",
    ) -> None:
        self.root = root
        self.log_dir = root / "log"
        self.bin_dir = bin_dir or Path(sys.executable).parent
        self.broker = local_broker(broker_kind, free_port(), log_dir=self.log_dir)
        self.smtp = SmtpSink(root / "mail", port=free_port())
        self.web_ports = {service: free_port() for service in SERVICES}
        self.database_urls = dict(database_urls or {}) or {
            service: f"sqlite:///{root / f'{service}.sqlite3'}" for service in SERVICES
        }
        self.kafka = KafkaSettings(
            bootstrap_servers=self.broker.bootstrap_servers,
            profile=self.broker.profile,
            client_id="e2e",
            session_timeout_ms=LOCAL_SESSION_TIMEOUT_MS,
        )
        self.env = self._environment(env or {})
        self.processes: dict[str, ServiceProcess] = {}
        self.metrics_ports: dict[str, int] = {}

    def url(self, service: str) -> str:
        return f"http://{LOOPBACK}:{self.web_ports[service]}"

    def start(self) -> None:
        """Everything up and every web ready; a failing migration or web raises."""
        self.broker.start()
        self.smtp.start()
        ensure_topics(self.kafka)
        for service in SERVICES:
            self.run_tool([f"{service}-migrate"])
            for role in PROCESS_ROLES:
                script = self.bin_dir / f"{service}-{role}"
                if script.is_file():
                    self._add_process(f"{service}-{role}", script)
        for process in self.processes.values():
            process.start()
        for service in SERVICES:
            self.wait_ready(service)

    def stop(self) -> None:
        # SIGTERM to all first, so they wind down together instead of one after another.
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.stop()
        self.smtp.stop()
        self.broker.stop()

    def wait_ready(self, service: str, timeout_s: float = START_TIMEOUT_S) -> None:
        web = self.processes[f"{service}-web"]

        def ready() -> bool:
            if not web.is_running():
                raise SystemStartError(f"{web.name} exited; see {web.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url(service)}/readyz", timeout=2) as answer:  # noqa: S310 - loopback
                    return bool(answer.status == 200)
            except (urllib.error.URLError, OSError):
                return False

        if not wait_until(ready, timeout_s, interval=0.2):
            raise SystemStartError(f"{web.name} not ready within {timeout_s:g} s")

    def run_tool(self, argv: list[str], stdin: str | None = None) -> str:
        """Run a console script (a migration, notifications-admin ...) to its end; stdout."""
        done = subprocess.run(
            [str(self.bin_dir / argv[0]), *argv[1:]],
            env=self.env,
            input=stdin,
            text=True,
            capture_output=True,
            check=False,
            timeout=START_TIMEOUT_S,
        )
        if done.returncode != 0:
            raise SystemStartError(f"{argv[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def add_member(self, name: str, like: str) -> ServiceProcess:
        """Start one more process of a kind, e.g. a second `reporting-worker` that joins the
        same consumer group, under a name of its own."""
        self._add_process(name, self.bin_dir / like)
        self.processes[name].start()
        return self.processes[name]

    def remove(self, name: str) -> None:
        """Stop a process added with add_member and forget it."""
        self.processes.pop(name).stop()
        self.metrics_ports.pop(name, None)

    def _add_process(self, name: str, script: Path) -> None:
        env = dict(self.env)
        if not name.endswith("-web"):
            # Workers, relays and mailers serve their own /metrics only when asked to.
            self.metrics_ports[name] = free_port()
            env["METRICS_PORT"] = str(self.metrics_ports[name])
            env["METRICS_HOST"] = LOOPBACK
        self.processes[name] = ServiceProcess(name, [str(script)], env, self.log_dir)

    def _environment(self, overrides: Mapping[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_SETTINGS}
        tmp = self.root / "tmp"  # health files go here, not into the shared /tmp
        tmp.mkdir(parents=True, exist_ok=True)
        env |= {
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "KAFKA_PROFILE": self.broker.profile,
            "KAFKA_SESSION_TIMEOUT_MS": str(LOCAL_SESSION_TIMEOUT_MS),
            "SMTP_HOST": self.smtp.host,
            "SMTP_PORT": str(self.smtp.port),
            "SMTP_TLS": "none",
            "MAIL_FROM": "wegweiser@cluster.example.org",
            "SECRET_KEY": "e2e-secret-key",
            "BOOKING_LINK_SECRET": "e2e-booking-link-secret",
            "REPORTING_STORAGE_DIR": str(self.root / "reports"),
            "WEB_CONCURRENCY": "1",  # two shared cores run the whole system
            # Every test company starts from loopback: one client address for all of them.
            "LIMIT_PER_CLIENT": "10000/1h",
            "PYTHONUNBUFFERED": "1",
            "TMPDIR": str(tmp),
        }
        for name in ("SMTP_USER", "SMTP_PASSWORD"):
            env.pop(name, None)
        for service in SERVICES:
            prefix = service.upper()
            env[f"{prefix}_PORT"] = str(self.web_ports[service])
            env[f"{prefix}_HOST"] = LOOPBACK
            env[f"PUBLIC_BASE_URL_{prefix}"] = self.url(service)
            env[f"{prefix}_DATABASE_URL"] = self.database_urls[service]
        return env | dict(overrides)

    def __enter__(self) -> System:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
