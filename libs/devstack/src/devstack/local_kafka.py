"""Which local broker runs: Tansu (memory only, needs nothing but Python) or Apache Kafka
(the production broker; needs Java 17 and the jars of `make kafka`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from devstack.apache_broker import ApacheBroker
from devstack.broker import LocalBroker

KINDS = ("tansu", "apache")
Broker = LocalBroker | ApacheBroker
# Tests and the local stack kill workers on purpose; with Kafka's 45 s a dead member's
# partitions would wait that long each time. (Tansu's profile has its own 6 s.)
LOCAL_SESSION_TIMEOUT_MS = 10_000


def default_kind() -> str:
    """Apache Kafka where Java is there to run it, else Tansu."""
    return "apache" if shutil.which("java") else "tansu"


def local_broker(kind: str, port: int, *, log_dir: Path) -> Broker:
    if kind == "apache":
        return ApacheBroker(port, log_dir=log_dir)
    if kind == "tansu":
        return LocalBroker(port, log_dir=log_dir)
    raise ValueError(f"no local broker of kind {kind!r}; choose one of {', '.join(KINDS)}")
