"""gunicorn settings: JSON logs on stdout like every other Wegweiser process."""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import multiprocess

from servicekit.parent_death import end_with_parent

_service = os.environ.get("WEGWEISER_SERVICE", "web")
_level = os.environ.get("LOG_LEVEL", "INFO")

# Three services on one machine would fight over gunicorn's one default control socket.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# A worker busy longer than this is stuck; the arbiter replaces it.
timeout = 30
graceful_timeout = 10
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "servicekit.logs.JsonFormatter", "service": _service}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"handlers": ["stdout"], "level": _level},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": _level, "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": _level, "propagate": False},
    },
}


# gunicorn's hooks get its Arbiter and Worker, which declare no types.


def child_exit(_server: Any, worker: Any) -> None:
    """A replaced worker's live gauges must not be summed any more."""
    multiprocess.mark_process_dead(worker.pid)


def post_fork(server: Any, _worker: Any) -> None:
    """A worker whose arbiter was killed outright would serve on, holding the port."""
    end_with_parent(server.pid)
