"""The processes of the reporting service, installed as console scripts `reporting-*`."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine

from eventing.processes import ServiceProcesses
from eventing.worker import ConsumerSpec
from reporting.config import ReportingConfig
from reporting.entrypoints.consumer import consumer_spec
from servicekit.settings import ServiceSettings

SERVICE = "reporting"


def worker_consumer(engine: Engine) -> ConsumerSpec:
    """The `reporting-worker`'s consumer, configured from the environment at start-up."""
    return consumer_spec(
        engine, ServiceSettings.from_env(SERVICE, os.environ), ReportingConfig.from_env(os.environ)
    )


processes = ServiceProcesses(
    SERVICE, Path(__file__).parents[1] / "migrations" / "versions", consumer=worker_consumer
)
