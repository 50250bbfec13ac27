"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

from pathlib import Path

from eventing.migrations import upgrade_service_database
from eventing.relay_process import run_relay
from servicekit.gunicorn_runner import serve

SERVICE = "assessment"
MIGRATIONS = Path(__file__).with_name("migrations") / "versions"


def web() -> None:
    serve(f"{SERVICE}.web:create_app()", SERVICE)


def relay() -> None:
    run_relay(SERVICE)


def migrate() -> None:
    upgrade_service_database(SERVICE, MIGRATIONS)
