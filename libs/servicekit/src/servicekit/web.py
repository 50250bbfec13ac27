"""What every service's Flask app has: health, readiness, metrics, correlation ids, the one
look, and errors as problem details for programs and as pages for people."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from ipaddress import ip_address

from flask import Flask, Response, g, jsonify, request
from flask_wtf.csrf import CSRFProtect
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.registry import Collector
from sqlalchemy import Engine
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from servicekit.app_clock import CLOCK_EXTENSION, utc_now
from servicekit.db import ping
from servicekit.json_api import ApiProblem, problem_response
from servicekit.logs import bind_request_correlation_id
from servicekit.look import http_error_page, look, wants_a_page
from servicekit.metrics import process_metrics
from servicekit.settings import IPNetwork, ServiceSettings

CORRELATION_HEADER = "X-Correlation-ID"

HTTP_REQUESTS = Counter(
    "wegweiser_http_requests_total", "HTTP requests answered.", ["endpoint", "method", "status"]
)
HTTP_SECONDS = Histogram("wegweiser_http_request_seconds", "Time to answer.", ["endpoint"])

ReadinessCheck = Callable[[], None]


# Where the app keeps its database engine (views reach it through current_app.extensions).
ENGINE_EXTENSION = "wegweiser.engine"

# Nothing a company or an advisor sends is larger; anything bigger is refused with 413.
MAX_REQUEST_BYTES = 1024 * 1024
TOO_LARGE = f"The request body is larger than {MAX_REQUEST_BYTES // (1024 * 1024)} MiB."
METRICS_REFUSED = "Metrics are served to the monitoring network only (METRICS_NETWORKS)."

# On every response of every service (a view may set its own value of one of them). No
# inline script or style, no framing, no other origins: the pages work without JavaScript.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    # Pages carry tokens in their addresses (resume, booking, downloads): never pass them on.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


# A year, as browsers' preload lists ask; the cluster's subdomains are all served over https.
HSTS = "max-age=31536000; includeSubDomains"


def create_service_app(
    import_name: str,
    settings: ServiceSettings,
    engine: Engine,
    *,
    collectors: Iterable[Collector] = (),
) -> Flask:
    """A Flask app with the operational basics every service web process shares;
    it is ready when its database answers. Its pages (and its error pages) speak the
    languages the app factory installs next (servicekit.languages)."""
    app = Flask(import_name)
    https = settings.public_base_url.startswith("https://")
    app.config.update(
        # The session cookie holds a company's resume tokens or an advisor's login: never
        # readable by scripts, never sent along with another site's POST, only over TLS
        # where the site has TLS.
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        # The strict check wants a Referer on HTTPS, which `Referrer-Policy: no-referrer`
        # (kept so no token leaks) suppresses; the session-bound token and SameSite suffice.
        WTF_CSRF_SSL_STRICT=False,
        SECRET_KEY=settings.secret_key.current,
        # Sessions signed before a rotation stay valid (Flask 3.1 tries each fallback).
        SECRET_KEY_FALLBACKS=list(settings.secret_key.accepted()[1:]),
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
    )
    app.extensions[ENGINE_EXTENSION] = engine
    app.extensions[CLOCK_EXTENSION] = utc_now
    if settings.trusted_proxy_hops:
        # Behind the ingress every request comes from the controller: without this the
        # per-client limits would count all clients as one, and the logs name nobody.
        hops = settings.trusted_proxy_hops
        # Flask's documented way to add middleware, though its types declare a method there.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    install_operations(
        app, {"database": partial(ping, engine)}, collectors, settings.metrics_networks
    )
    # One guard for every form of the app; the JSON API is exempted by exempt_json_api.
    CSRFProtect(app)
    app.register_blueprint(look)
    return app


def exempt_json_api(app: Flask) -> None:
    """Exempt from CSRF checks the blueprints that serve only under /api/: they authenticate
    with a Bearer token, not a cookie, so there is nothing to forge. Called by each app
    factory once every blueprint is registered."""
    paths: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if blueprint:
            paths.setdefault(blueprint, []).append(rule.rule)
    csrf: CSRFProtect = app.extensions["csrf"]
    for blueprint, rules in paths.items():
        if all(path.startswith("/api/") for path in rules):
            csrf.exempt(app.blueprints[blueprint])


def install_operations(
    app: Flask,
    readiness_checks: Mapping[str, ReadinessCheck],
    collectors: Iterable[Collector],
    metrics_networks: tuple[IPNetwork, ...],
) -> None:
    """Add /healthz (the process answers), /readyz (its dependencies answer) and /metrics.

    A readiness check raises when its dependency is unavailable; /readyz then answers 503
    naming it, so an orchestrator stops sending traffic without restarting the process.
    `collectors` add metrics of this app's own (read at scrape time) to the process-wide ones.
    /metrics answers only requests from `metrics_networks` that no proxy forwarded: the
    ingress routes every path of the public address here, and the metrics name companies'
    activity (outbox backlog, bookings, funding reviews) nobody outside should read.
    """
    # No auto-describe: it would call the collectors (and query the database) right now.
    app_registry = CollectorRegistry(auto_describe=False)
    for collector in collectors:
        app_registry.register(collector)

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz() -> tuple[Response, int]:
        failing = {}
        for name, check in readiness_checks.items():
            try:
                check()
            except Exception as exc:  # any failure means "not ready"; the name says which
                failing[name] = type(exc).__name__
        if failing:
            return jsonify(status="unavailable", failing=failing), 503
        return jsonify(status="ready", checks=sorted(readiness_checks)), 200

    @app.get("/metrics")
    def metrics() -> Response:
        if not _from_monitoring(metrics_networks):
            return problem_response(ApiProblem(403, "Forbidden", METRICS_REFUSED))
        body = process_metrics() + generate_latest(app_registry)
        return Response(body, mimetype=CONTENT_TYPE_LATEST)

    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.teardown_request(_forget_correlation_id)
    app.register_error_handler(HTTPException, _answer_http_error)


def _from_monitoring(networks: tuple[IPNetwork, ...]) -> bool:
    # A scraper talks to the pod directly; whatever came through a proxy (trusted or not,
    # it adds X-Forwarded-For) came from outside.
    if "X-Forwarded-For" in request.headers or request.remote_addr is None:
        return False
    try:
        address = ip_address(request.remote_addr)
    except ValueError:
        return False
    return any(address in network for network in networks)


def _start_request() -> None:
    g.started = time.perf_counter()
    g.correlation_id, g.unbind_correlation_id = bind_request_correlation_id(
        request.headers.get(CORRELATION_HEADER, "")
    )
    # Also where no view reads the body (Flask's own limit applies only when it is read):
    # a client that announces too much hears so at once, on every route of every service.
    if (request.content_length or 0) > MAX_REQUEST_BYTES:
        raise RequestEntityTooLarge(TOO_LARGE)


def _finish_request(response: Response) -> Response:
    endpoint = request.endpoint or "unmatched"
    HTTP_REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    HTTP_SECONDS.labels(endpoint).observe(
        time.perf_counter() - g.get("started", time.perf_counter())
    )
    response.headers[CORRELATION_HEADER] = g.get("correlation_id", "")
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        # Only over https (behind the ingress: the forwarded scheme, TRUSTED_PROXY_HOPS), so
        # `make run` on plain http never pins a browser to https for 127.0.0.1.
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _forget_correlation_id(_error: BaseException | None) -> None:
    unbind = g.pop("unbind_correlation_id", None)
    if unbind is not None:
        unbind()


def _answer_http_error(error: HTTPException) -> Response:
    """HTTP errors no view answered itself: to a browser a page in the reader's language (a
    person may land anywhere, from an old bookmark or a mail), to a program RFC 9457 problem
    details; never a stack trace."""
    if wants_a_page():
        return http_error_page(error)
    if isinstance(error, RequestEntityTooLarge):
        # Werkzeug's own wording ("exceeds the capacity limit") does not name the limit.
        return problem_response(ApiProblem(413, error.name, TOO_LARGE))
    return problem_response(ApiProblem(error.code or 500, error.name, error.description or ""))
