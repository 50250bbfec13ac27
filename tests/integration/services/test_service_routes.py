"""Every route a service answers is either in its OpenAPI document (with the same methods)
or one of its pages for people, named here; and the document names no route the service
does not answer. A new API route cannot go undocumented, nor a documented one vanish."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator

import pytest
from flask import Flask

from servicekit.settings import ServiceSettings
from servicekit.web import ENGINE_EXTENSION

# The blueprints whose routes are pages (HTML for people), by service.
PAGES = {
    "assessment": {"pages", "privacy_pages"},
    "reporting": set(),
    "notifications": {"booking", "desk"},
}
# What every service's app has for operators and browsers, documented in the README.
OPERATIONS = {
    "/healthz",
    "/readyz",
    "/metrics",
    "/openapi.json",
    "/static/<path:filename>",
    "/static/look/wegweiser.<fingerprint>.css",
}
_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(params=sorted(PAGES))
def app(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    service = request.param
    monkeypatch.setenv("BOOKING_LINK_SECRET", "routes-test")
    settings = ServiceSettings.from_env(
        service, {f"{service.upper()}_DATABASE_URL": "sqlite://", "SECRET_KEY": "routes-test"}
    )
    app = importlib.import_module(f"{service}.web").create_app(settings)
    yield app
    app.extensions[ENGINE_EXTENSION].dispose()


def _as_openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def test_every_route_is_documented_or_a_page_and_every_documented_route_exists(app: Flask):
    service = app.import_name.split(".")[0]
    document = app.test_client().get("/openapi.json").json
    documented = {
        (path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
        if method.upper() in _METHODS
    }
    answered, pages = set(), set()
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if rule.rule in OPERATIONS or rule.endpoint == "static":
            continue
        methods = {(_as_openapi_path(rule.rule), m) for m in rule.methods & _METHODS}
        if blueprint in PAGES[service]:
            pages |= methods
        else:
            answered |= methods

    assert answered == documented
    assert not pages & documented, "a page is no API route"
    assert not any(path.startswith("/api/") for path, _ in pages), "API routes are documented"
