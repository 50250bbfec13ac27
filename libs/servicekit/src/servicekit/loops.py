"""The processes of a service besides its web: a loop that turns until SIGTERM (outbox relay,
consumer worker, mail sender) and a scheduled job (retention).

Each gets the service's settings, JSON logs, its metrics on METRICS_PORT, a database engine
and the health file of its role (servicekit.health); what it does in between is the caller's.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine

from servicekit.db import make_engine
from servicekit.health import HealthFile, health_file_path
from servicekit.logs import configure_logging
from servicekit.metrics import serve_process_metrics
from servicekit.process import stop_on_signals
from servicekit.settings import ServiceSettings

logger = logging.getLogger(__name__)

# What a process does: turn until the event is set (SIGTERM/SIGINT), beating the health file.
Loop = Callable[[Engine, HealthFile, threading.Event], None]
# A scheduled job touches its health file this often while it waits for its next pass.
HEARTBEAT_S = 30.0


def run_loop(service: str, role: str, loop: Loop) -> None:
    """Run the `<service>-<role>` process: `loop` until it returns."""
    settings = ServiceSettings.from_env(service, os.environ)
    configure_logging(service, settings.log_level)
    serve_process_metrics(os.environ)
    stop = stop_on_signals()
    engine = make_engine(settings.database_url)
    try:
        loop(engine, HealthFile(health_file_path(service, role)), stop)
    finally:
        engine.dispose()


def run_scheduled(
    service: str, role: str, job: Callable[[Engine, datetime], str], argv: list[str] | None = None
) -> None:
    """One pass of `job` (its summary is logged), then exit: for a scheduler such as a
    Kubernetes CronJob. With `--every SECONDS`, a pass every so often until SIGTERM, touching a
    health file while it waits: for compose, which has no scheduler."""
    parser = argparse.ArgumentParser(prog=f"{service}-{role}", description=run_scheduled.__doc__)
    parser.add_argument("--every", type=float, metavar="SECONDS", help="repeat every SECONDS")
    every_s = parser.parse_args(argv).every

    def passes(engine: Engine, health: HealthFile, stop: threading.Event) -> None:
        while not stop.is_set():
            health.beat()
            logger.info("%s: %s", role, job(engine, datetime.now(UTC)))
            if every_s is None:
                return
            deadline = time.monotonic() + every_s
            while not stop.wait(min(HEARTBEAT_S, max(deadline - time.monotonic(), 0))):
                if time.monotonic() >= deadline:
                    break
                health.beat()

    run_loop(service, role, passes)
