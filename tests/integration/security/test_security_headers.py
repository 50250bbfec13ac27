"""Every GET route of every service answers with the security headers: a strict CSP (no
inline script, no framing), nosniff and no referrer, whether it answers 200, a redirect,
or an error, and whoever asks (anonymous, or an admin of the desk)."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from security_helpers import add_account, engine_of, log_in

# Values for the URL parameters of the routes: the answer may well be 404, which must carry
# the headers as much as a page does.
_ARGUMENTS = {
    "day": "2030-01-07",
    "filename": "style.css",
    "token": "not-a-token",
    "lang": "de",
}


def _get_urls(app: Flask) -> list[str]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        values = {name: _ARGUMENTS.get(name, str(uuid.uuid4())) for name in rule.arguments}
        if "dimension_id" in values:
            values["dimension_id"] = "strategy"
        urls.append(adapter.build(rule.endpoint, values))
    return urls


def _assert_security_headers(url: str, headers) -> None:
    policy = headers.get("Content-Security-Policy", "")
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    assert directives.get("frame-ancestors") == "'none'", url
    assert directives.get("object-src") == "'none'", url
    for source in ("script-src", "default-src"):
        assert "'unsafe-inline'" not in directives.get(source, ""), url
        assert "'unsafe-eval'" not in directives.get(source, ""), url
    assert "script-src" in directives or directives.get("default-src") == "'self'", url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("X-Frame-Options") == "DENY", url
    assert headers.get("Referrer-Policy") == "no-referrer", url


@pytest.mark.parametrize("service", ["assessment", "reporting", "notifications"])
def test_every_get_route_sends_the_security_headers(all_apps: dict[str, Flask], service: str):
    app = all_apps[service]
    urls = _get_urls(app)
    assert len(urls) >= 3
    client = app.test_client()

    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        _assert_security_headers(url, response.headers)


def test_every_desk_page_sends_the_security_headers_to_a_logged_in_admin(
    notifications_app: Flask,
):
    _, email = add_account(engine_of(notifications_app), "Ada Admin", role="admin")
    client = notifications_app.test_client()
    log_in(client, email)

    for url in _get_urls(notifications_app):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        _assert_security_headers(url, response.headers)
