"""Fixtures of the privacy tests: the three services, each on a database of its own
(SQLite files, or PostgreSQL schemas when TEST_DATABASE_URL is set), migrated by their
`<service>-migrate` code, with their web apps."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from privacy_helpers import BOOKING_LINK_SECRET, Services
from sqlalchemy import create_engine, text

from assessment.config import AssessmentConfig
from assessment.entrypoints.cli import processes as assessment_processes
from assessment.web import create_app as assessment_app
from notifications.entrypoints.cli import processes as notifications_processes
from notifications.web import create_app as notifications_app
from reporting.config import ReportingConfig
from reporting.entrypoints.cli import processes as reporting_processes
from reporting.web import create_app as reporting_app
from servicekit.booking_links import BookingLinks
from servicekit.db import make_engine
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION

PROCESSES = {
    "assessment": assessment_processes,
    "reporting": reporting_processes,
    "notifications": notifications_processes,
}


@pytest.fixture
def service_urls(database_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A database per service: `database_url` for assessment, two more of its kind."""
    if database_url.startswith("sqlite"):
        yield {
            "assessment": database_url,
            **{s: f"sqlite:///{tmp_path / s}.sqlite3" for s in ("reporting", "notifications")},
        }
        return
    base, _, _ = database_url.partition("?")
    admin = create_engine(base)
    schemas = {s: f"test_{uuid.uuid4().hex[:12]}" for s in ("reporting", "notifications")}
    with admin.begin() as connection:
        for schema in schemas.values():
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {
            "assessment": database_url,
            **{s: f"{base}?options=-csearch_path%3D{schema}" for s, schema in schemas.items()},
        }
    finally:
        with admin.begin() as connection:
            for schema in schemas.values():
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def services(
    service_urls: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("BOOKING_LINK_SECRET", BOOKING_LINK_SECRET)
    # The other services' addresses, for the links one service hands out to another's part.
    monkeypatch.setenv("PUBLIC_BASE_URL_ASSESSMENT", "http://assessment.test")
    monkeypatch.setenv("PUBLIC_BASE_URL_REPORTING", "http://reporting.test")
    for service, url in service_urls.items():
        monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", url)
        PROCESSES[service].migrate()
    engines = {service: make_engine(url) for service, url in service_urls.items()}
    yield Services(engines, tmp_path / "reports")
    for engine in engines.values():
        engine.dispose()


def _settings(service: str, url: str) -> ServiceSettings:
    return ServiceSettings.from_env(
        service,
        {
            f"{service.upper()}_DATABASE_URL": url,
            f"PUBLIC_BASE_URL_{service.upper()}": f"http://{service}.test",
            "SECRET_KEY": "test-secret",
        },
    )


@pytest.fixture
def apps(services: Services, service_urls: dict[str, str]) -> Iterator[dict[str, Flask]]:
    apps = {
        "assessment": assessment_app(
            _settings("assessment", service_urls["assessment"]),
            AssessmentConfig(
                BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET))
            ),
        ),
        "reporting": reporting_app(
            _settings("reporting", service_urls["reporting"]),
            ReportingConfig(
                BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
                storage_dir=services.storage_dir,
            ),
        ),
        "notifications": notifications_app(
            _settings("notifications", service_urls["notifications"]),
            BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
        ),
    }
    yield apps
    for app in apps.values():
        app.extensions[ENGINE_EXTENSION].dispose()
