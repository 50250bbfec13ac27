"""Serving a service's Flask app with gunicorn, the production WSGI server, also in dev."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import NoReturn

from servicekit.metrics import MULTIPROCESS_DIR_VARIABLE
from servicekit.settings import ServiceSettings


def serve(app_factory: str, service: str) -> NoReturn:
    """Replace this process with gunicorn serving `app_factory` ("pkg.web:create_app()")."""
    settings = ServiceSettings.from_env(service, os.environ)
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    os.environ["WEGWEISER_SERVICE"] = service
    # Each gunicorn worker counts in files here, so /metrics (answered by whichever worker)
    # reports the sum of all of them; a fresh folder per start, as prometheus_client requires.
    os.environ[MULTIPROCESS_DIR_VARIABLE] = tempfile.mkdtemp(prefix=f"wegweiser-{service}-metrics-")
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{settings.host}:{settings.port}",
        "--workers",
        workers,
        "--config",
        "python:servicekit.gunicorn_config",
        app_factory,
    ]
    os.execv(sys.executable, argv)
