"""A local Kafka broker as a child process on loopback: what Tansu and Apache Kafka share.

A subclass says how to prepare and start its broker and when it serves; starting refuses a
port someone else holds, waits for readiness and reports the end of the broker's log when
it does not come up.
"""

from __future__ import annotations

import logging
import subprocess
import time
from abc import abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from devstack.lifecycle import LocalServer
from devstack.ports import port_accepts, wait_until
from servicekit.parent_death import ends_with_this_process

logger = logging.getLogger(__name__)

_LOG_TAIL_LINES = 30


class BrokerStartError(RuntimeError):
    """The broker did not come up; the message carries the end of its log."""


class BrokerProcess(LocalServer):
    name: str  # for messages: "Tansu broker", "Apache Kafka"
    profile: str  # the kafka-python settings its clients need (eventing.kafka_settings)

    def __init__(self, host: str, port: int, log_path: Path, start_timeout: float) -> None:
        self.host = host
        self.port = port
        self.log_path = log_path
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None
        self._log_offset = 0  # where this start's lines begin in the (appended) log

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
        self._reap()  # a broker that died on its own
        # Otherwise the readiness check would be answered by whoever holds the port.
        if port_accepts(self.host, self.port):
            raise BrokerStartError(f"cannot start the broker: {self.bootstrap_servers} is in use")
        started = time.monotonic()
        command, env = self._prepare()
        self._spawn(command, env)
        if not wait_until(self._ready_or_dead, self.start_timeout, interval=0.05):
            self.kill()
            raise BrokerStartError(
                f"{self.name} did not start on {self.bootstrap_servers} within "
                f"{self.start_timeout:g} s; end of {self.log_path}:\n{self.log_tail()}"
            )
        if not self.is_running():
            self._reap()
            raise BrokerStartError(
                f"{self.name} exited during start-up; end of {self.log_path}:\n{self.log_tail()}"
            )
        logger.info(
            "%s listening on %s (pid %s, %.1f s)",
            self.name,
            self.bootstrap_servers,
            self.pid,
            time.monotonic() - started,
        )

    def stop(self) -> None:
        self.kill()

    def kill(self) -> None:
        """SIGKILL: the broker dies as in a crash."""
        if self.is_running():
            assert self._process is not None
            self._process.kill()
        self._reap()

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def new_log(self) -> bytes:
        """What the broker logged since this start."""
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            return log.read()

    @abstractmethod
    def _prepare(self) -> tuple[list[str], Mapping[str, str] | None]:
        """The command and environment (None: inherited) of this start."""

    @abstractmethod
    def _serves(self) -> bool:
        """Whether the running broker answers clients."""

    def _spawn(self, command: list[str], env: Mapping[str, str] | None) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log_path.open("ab")
        self._log_offset = self._log_file.tell()
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
        return not self.is_running() or self._serves()

    def _reap(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
