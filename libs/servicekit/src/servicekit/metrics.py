"""Where a process's Prometheus metrics are read from, and how non-web processes serve them.

The web process answers /metrics (servicekit.web). Under gunicorn its workers are separate
processes, so they count in files (prometheus_client's multiprocess mode, switched on by
gunicorn_runner) and a scrape sums them. The worker, relay and mailer processes of a service
serve their own counters on METRICS_PORT when it is set (each container or pod is scraped on
its own); without it they serve none, as in `make run`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client import start_http_server as _start_http_server

from servicekit.settings import EnvReader

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def process_metrics() -> bytes:
    """This process's metrics, or under gunicorn those of all its workers together."""
    if not os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry)


def serve_process_metrics(environ: Mapping[str, str]) -> int | None:
    """Serve /metrics of this process on METRICS_PORT (all interfaces, METRICS_HOST to
    narrow it) in a daemon thread; the port, or None when METRICS_PORT is not set."""
    env = EnvReader(environ)
    port = env.int("METRICS_PORT", 0)
    host = env.str("METRICS_HOST", "0.0.0.0")  # noqa: S104 - scraped from outside the container
    env.raise_if_invalid()
    if not port:
        return None
    _start_http_server(port, addr=host)
    return port
