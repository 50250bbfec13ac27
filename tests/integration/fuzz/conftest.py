"""Fixtures of the fuzz tests: each service's app on its migrated database, with what its
API needs to get past authentication (a resume token, a booking token, a stored report),
so the generated requests reach the code behind it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask

from assessment.config import AssessmentConfig
from assessment.entrypoints.cli import processes as assessment_processes
from assessment.testing import START_BODY
from assessment.web import create_app as create_assessment_app
from eventing.codec import decode
from eventing.examples import all_examples
from notifications.adapters import company_assessments
from notifications.entrypoints.cli import processes as notifications_processes
from notifications.web import create_app as create_notifications_app
from reporting.config import ReportingConfig
from reporting.entrypoints.cli import processes as reporting_processes
from reporting.testing import add_generated_report
from reporting.web import create_app as create_reporting_app
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION

SECRET = "fuzz-secret"  # noqa: S105 - a test value
LINKS = BookingLinks("http://notifications.test", SigningKeys("fuzz-booking-secret"))


def _migrated(service: str, database_url: str, monkeypatch: pytest.MonkeyPatch) -> ServiceSettings:
    monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.setenv("BOOKING_LINK_SECRET", LINKS.keys.current)
    {
        "assessment": assessment_processes.migrate,
        "reporting": reporting_processes.migrate,
        "notifications": notifications_processes.migrate,
    }[service]()
    return ServiceSettings.from_env(
        service,
        {f"{service.upper()}_DATABASE_URL": database_url, "SECRET_KEY": SECRET},
    )


@pytest.fixture
def assessment_app(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    settings = _migrated("assessment", database_url, monkeypatch)
    app = create_assessment_app(settings, AssessmentConfig(LINKS))
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def started_assessment(assessment_app: Flask) -> dict[str, str]:
    """An assessment under way: its id and resume token."""
    response = assessment_app.test_client().post("/api/v1/assessments", json=START_BODY)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def reporting_app(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Flask]:
    settings = _migrated("reporting", database_url, monkeypatch)
    app = create_reporting_app(settings, ReportingConfig(LINKS, storage_dir=tmp_path / "reports"))
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def stored_report(reporting_app: Flask) -> uuid.UUID:
    """A generated report with its file, so a genuine link gets the PDF."""
    return add_generated_report(reporting_app)


@pytest.fixture
def notifications_app(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    settings = _migrated("notifications", database_url, monkeypatch)
    app = create_notifications_app(settings, LINKS)
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def booking_token(notifications_app: Flask) -> str:
    """The booking token of a scored company this service knows."""
    [example] = [
        decode(e.raw)
        for e in all_examples()
        if e.name.startswith("assessment.scored.v1.machining-supplier")
    ]
    assessment_id = example.data["assessment_id"]
    with notifications_app.extensions[ENGINE_EXTENSION].begin() as connection:
        company_assessments.record_scored(
            connection, assessment_id, company_assessments.scored_values(example.data)
        )
    url = LINKS.url(assessment_id, datetime.now(UTC))
    return url.rsplit("/", 1)[1]
