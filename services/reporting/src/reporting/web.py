"""The reporting service's web process (a Flask app factory served by gunicorn)."""

from __future__ import annotations

import os

from flask import Flask

from eventing.outbox import OutboxCollector
from servicekit.db import make_engine
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app


def create_app(settings: ServiceSettings | None = None) -> Flask:
    settings = settings or ServiceSettings.from_env("reporting", os.environ)
    engine = make_engine(settings.database_url)
    return create_service_app(__name__, settings, engine, collectors=[OutboxCollector(engine)])
