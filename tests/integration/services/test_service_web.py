"""What every service's web process offers before any feature: health, readiness, metrics."""

from __future__ import annotations

import importlib
import json
import logging
import uuid
from collections.abc import Callable, Iterator

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from testkit.processes import service_processes

from assessment.domain.catalogue_loader import available_versions
from servicekit.logs import JsonFormatter
from servicekit.openapi import PROBLEM_SCHEMA
from servicekit.settings import ServiceSettings, SettingsError
from servicekit.web import ENGINE_EXTENSION, HSTS, METRICS_REFUSED

SERVICES = ("assessment", "reporting", "notifications")


@pytest.fixture(autouse=True)
def booking_link_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """The assessment and notifications services read it from the environment."""
    monkeypatch.setenv("BOOKING_LINK_SECRET", "test-booking-links")


@pytest.fixture
def client_for() -> Iterator[Callable[[str, str], FlaskClient]]:
    apps: list[Flask] = []

    def make_client(service: str, database_url: str, **environ: str) -> FlaskClient:
        apps.append(_create_app(service, database_url, **environ))
        return apps[-1].test_client()

    yield make_client
    for app in apps:
        app.extensions[ENGINE_EXTENSION].dispose()


def _create_app(service: str, database_url: str, **environ: str) -> Flask:
    settings = ServiceSettings.from_env(
        service,
        {
            f"{service.upper()}_DATABASE_URL": database_url,
            f"PUBLIC_BASE_URL_{service.upper()}": "http://testserver",
            "SECRET_KEY": "test-secret",
            **environ,
        },
    )
    return importlib.import_module(f"{service}.web").create_app(settings)


@pytest.fixture(params=SERVICES)
def service(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def migrated(service: str, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The service's database brought up to date by its `<service>-migrate` code path."""
    monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    processes = service_processes(service)
    processes.migrate()
    return database_url


def test_health_and_readiness_answer_when_the_database_does(
    service: str, migrated: str, client_for
):
    client = client_for(service, migrated)

    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["checks"] == ["database"]


def test_readiness_fails_with_503_naming_the_database_when_it_is_unreachable(
    service: str, client_for
):
    client = client_for(service, "postgresql+psycopg://nobody@127.0.0.1:1/none")

    ready = client.get("/readyz")

    assert ready.status_code == 503
    assert list(ready.json["failing"]) == ["database"]
    assert client.get("/healthz").status_code == 200  # alive, just not ready
    assert client.get("/metrics").status_code == 200


def test_metrics_expose_the_outbox_backlog(service: str, migrated: str, client_for):
    body = client_for(service, migrated).get("/metrics").text

    # assessment-migrate announced its rulesets; nothing has relayed them yet.
    waiting = len(available_versions()) if service == "assessment" else 0
    assert f"wegweiser_outbox_pending {float(waiting)}" in body
    assert "wegweiser_outbox_lag_seconds " in body
    assert "wegweiser_http_requests_total" in body


def _metrics_status(client: FlaskClient, address: str, **headers: str) -> int:
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": address}, headers=headers)
    if response.status_code != 200:
        assert response.json["detail"] == METRICS_REFUSED
    return response.status_code


def test_metrics_answer_the_monitoring_network_only_and_nothing_a_proxy_forwarded(
    service: str, migrated: str, client_for
):
    default = client_for(service, migrated)
    behind_ingress = client_for(service, migrated, TRUSTED_PROXY_HOPS="1")
    narrowed = client_for(service, migrated, METRICS_NETWORKS="192.0.2.0/24, 2001:db8::/32")
    through_proxy = {"X-Forwarded-For": "10.1.2.3"}

    seen = {
        "loopback": _metrics_status(default, "127.0.0.1"),
        "pod network": _metrics_status(default, "10.42.0.5"),
        "IPv6 private": _metrics_status(default, "fd00::5"),
        "internet": _metrics_status(default, "203.0.113.7"),
        "through a proxy": _metrics_status(default, "10.42.0.5", **through_proxy),
        "via the ingress": _metrics_status(behind_ingress, "10.42.0.9", **through_proxy),
        "direct behind the ingress": _metrics_status(behind_ingress, "10.42.0.5"),
        "narrowed, outside": _metrics_status(narrowed, "127.0.0.1"),
        "narrowed, inside": _metrics_status(narrowed, "192.0.2.9"),
        "narrowed, IPv6 inside": _metrics_status(narrowed, "2001:db8::1"),
    }

    assert seen == {
        "loopback": 200,
        "pod network": 200,
        "IPv6 private": 200,
        "internet": 403,
        "through a proxy": 403,
        "via the ingress": 403,
        "direct behind the ingress": 200,
        "narrowed, outside": 403,
        "narrowed, inside": 200,
        "narrowed, IPv6 inside": 200,
    }


def test_a_malformed_metrics_network_stops_the_start_naming_the_setting(service: str):
    expected = r"METRICS_NETWORKS must be networks like 10\.0\.0\.0/8, comma-separated"
    with pytest.raises(SettingsError, match=expected):
        _create_app(service, "sqlite://", METRICS_NETWORKS="10.0.0.0/8,intranet")


def test_errors_are_problem_json_carrying_the_callers_correlation_id(
    service: str, migrated: str, client_for
):
    callers = "6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f"

    response = client_for(service, migrated).get(
        "/no-such-page", headers={"X-Correlation-ID": callers}
    )

    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["correlation_id"] == callers
    assert response.headers["X-Correlation-ID"] == callers


def test_every_service_documents_its_problems_with_the_one_problem_schema(
    service: str, migrated: str, client_for
):
    client = client_for(service, migrated)

    document = client.get("/openapi.json").json
    problem = client.get("/no-such-page").json

    assert document["components"]["schemas"]["Problem"] == PROBLEM_SCHEMA
    jsonschema.validate(problem, PROBLEM_SCHEMA)


def test_a_forged_correlation_id_is_logged_apart_and_never_as_ours(
    service: str, migrated: str, client_for
):
    """A client that is not one of our services sends a trail of its own making: another
    request's id, terminal escapes, a long tail. It never becomes the correlation id."""
    forged = "req-42 \x1b[2J\tassessment 6f1c2d3e " + "x" * 200
    client = client_for(service, migrated)
    client.application.add_url_rule("/logs-a-line", "logs_a_line", _log_a_line)
    lines: list[dict[str, str]] = []
    handler = _JsonLines(service, lines)
    logging.getLogger(_LOGGER).addHandler(handler)
    try:
        response = client.get("/logs-a-line", headers={"X-Correlation-ID": forged})
    finally:
        logging.getLogger(_LOGGER).removeHandler(handler)

    ours = response.headers["X-Correlation-ID"]
    assert str(uuid.UUID(ours)) == ours
    [line] = lines
    assert line["correlation_id"] == ours
    assert line["client_correlation_id"] == ("req-42 [2Jassessment 6f1c2d3e " + "x" * 200)[:100]


_LOGGER = "wegweiser.test.correlation"


def _log_a_line() -> str:
    logging.getLogger(_LOGGER).warning("handled")
    return "logged"


class _JsonLines(logging.Handler):
    def __init__(self, service: str, lines: list[dict[str, str]]) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter(service))
        self._lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self._lines.append(json.loads(self.format(record)))


def test_every_response_carries_the_security_headers(service: str, migrated: str, client_for):
    client = client_for(service, migrated)

    for response in (client.get("/healthz"), client.get("/no-such-page")):
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src" not in csp  # default-src 'self' applies: no inline script
        assert "'unsafe-inline'" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


@pytest.mark.parametrize(
    ("hops", "client", "scheme", "host"),
    [("1", "203.0.113.9", "https", "check.example.org"), ("0", "10.42.0.7", "http", "localhost")],
)
def test_only_a_trusted_proxy_names_the_client_scheme_and_host(
    service: str, migrated: str, client_for, hops: str, client: str, scheme: str, host: str
):
    web = client_for(service, migrated, TRUSTED_PROXY_HOPS=hops)
    # The environ as the server made it: gunicorn's access log prints its REMOTE_ADDR (%(h)s)
    # after the app has run, and the views read theirs from it.
    served: list[dict] = []
    app_proper = web.application.wsgi_app

    def serve(environ: dict, start_response: Callable) -> object:
        served.append(environ)
        return app_proper(environ, start_response)

    web.application.wsgi_app = serve

    answer = web.get(
        "/healthz",
        environ_base={"REMOTE_ADDR": "10.42.0.7"},  # the ingress controller
        headers={
            # The client's own (forged) entry first, the one the ingress added last.
            "X-Forwarded-For": "192.0.2.1, 203.0.113.9",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "check.example.org",
        },
    )

    [environ] = served
    assert (environ["REMOTE_ADDR"], environ["wsgi.url_scheme"]) == (client, scheme)
    assert environ["HTTP_HOST"] == host
    # HSTS only where the browser really talks https: a forged X-Forwarded-Proto gets none.
    assert answer.headers.get("Strict-Transport-Security") == (HSTS if scheme == "https" else None)
