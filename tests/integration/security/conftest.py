"""Fixtures of the security tests: each service's app on a database of its own (migrated by
its own migrate command), so one test can drive a company through all three."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from security_helpers import (
    ASSESSMENT_URL,
    BOOKING_LINKS,
    NOTIFICATIONS_URL,
    REPORTING_URL,
    SECRET,
    service_settings,
)
from sqlalchemy import create_engine, text

from assessment.config import AssessmentConfig
from assessment.entrypoints.cli import processes as assessment_processes
from assessment.web import create_app as create_assessment_app
from notifications.entrypoints.cli import processes as notifications_processes
from notifications.web import create_app as create_notifications_app
from reporting.config import ReportingConfig
from reporting.entrypoints.cli import processes as reporting_processes
from reporting.web import create_app as create_reporting_app
from servicekit.web import ENGINE_EXTENSION

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
_MIGRATE = {
    "assessment": assessment_processes.migrate,
    "reporting": reporting_processes.migrate,
    "notifications": notifications_processes.migrate,
}


@pytest.fixture(params=["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"])
def service_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], str]]:
    """`service_database(name)`: a migrated database of that service's own (the services
    share table names such as the outbox, so they cannot share one database)."""
    schemas: list[str] = []
    admin = create_engine(TEST_DATABASE_URL) if request.param == "postgresql" else None

    def make(service: str) -> str:
        if admin is None:
            url = f"sqlite:///{tmp_path / service}.sqlite3"
        else:
            schema = f"test_{uuid.uuid4().hex[:12]}"
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            schemas.append(schema)
            separator = "&" if "?" in TEST_DATABASE_URL else "?"
            url = f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}"
        monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", url)
        monkeypatch.setenv("SECRET_KEY", SECRET)
        monkeypatch.setenv("BOOKING_LINK_SECRET", BOOKING_LINKS.keys.current)
        _MIGRATE[service]()
        return url

    yield make
    if admin is not None:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def assessment_app(service_database: Callable[[str], str]) -> Iterator[Flask]:
    config = AssessmentConfig(BOOKING_LINKS)
    app = create_assessment_app(
        service_settings("assessment", service_database("assessment"), ASSESSMENT_URL), config
    )
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def reporting_app(service_database: Callable[[str], str], tmp_path: Path) -> Iterator[Flask]:
    config = ReportingConfig(
        BOOKING_LINKS,
        storage_dir=tmp_path / "reports",
        link_lifetime=timedelta(days=90),
    )
    app = create_reporting_app(
        service_settings("reporting", service_database("reporting"), REPORTING_URL), config
    )
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def notifications_app(service_database: Callable[[str], str]) -> Iterator[Flask]:
    app = create_notifications_app(
        service_settings("notifications", service_database("notifications"), NOTIFICATIONS_URL),
        BOOKING_LINKS,
    )
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def all_apps(assessment_app: Flask, reporting_app: Flask, notifications_app: Flask) -> dict:
    return {
        "assessment": assessment_app,
        "reporting": reporting_app,
        "notifications": notifications_app,
    }
