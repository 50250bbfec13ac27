"""Fixtures of the assessment API tests: a migrated database, the app, a started assessment."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from assessment_api_helpers import BOOKING_LINK_SECRET
from flask import Flask
from flask.testing import FlaskClient

from assessment.entrypoints.cli import processes
from assessment.testing import COMPLETE_ANSWERS, START_BODY
from assessment.web import create_app
from devstack.served_app import served_app
from servicekit.settings import ServiceSettings
from servicekit.web import ENGINE_EXTENSION


@pytest.fixture
def migrated(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database brought up to date by the `assessment-migrate` console script's code."""
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("BOOKING_LINK_SECRET", BOOKING_LINK_SECRET)
    processes.migrate()
    return database_url


def _app(database_url: str, base_url: str, **environ: str) -> Flask:
    settings = ServiceSettings.from_env(
        "assessment",
        {
            "ASSESSMENT_DATABASE_URL": database_url,
            "PUBLIC_BASE_URL_ASSESSMENT": base_url,
            "SECRET_KEY": "test-secret",
            **environ,
        },
    )
    return create_app(settings)


@pytest.fixture
def app_with(migrated: str) -> Iterator[Callable[..., Flask]]:
    """`app_with(**environ)`: the app on the migrated database, with more settings."""
    apps: list[Flask] = []

    def make(**environ: str) -> Flask:
        apps.append(_app(migrated, "http://testserver", **environ))
        return apps[-1]

    yield make
    for app in apps:
        app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def app(app_with: Callable[..., Flask]) -> Flask:
    return app_with()


@pytest.fixture
def server(migrated: str) -> Iterator[str]:
    """The app served over real HTTP (threaded werkzeug) on a free loopback port; yields
    that address."""
    with served_app(lambda base_url: _app(migrated, base_url)) as base_url:
        yield base_url


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def start_body() -> dict[str, Any]:
    return copy.deepcopy(START_BODY)


@pytest.fixture
def complete_answers() -> dict[str, Any]:
    return copy.deepcopy(COMPLETE_ANSWERS)


@pytest.fixture
def started(client: FlaskClient, start_body: dict[str, Any]) -> dict[str, str]:
    """A started assessment: its id, token and resume_url."""
    response = client.post("/api/v1/assessments", json=start_body)
    assert response.status_code == 201, response.json
    return response.json
