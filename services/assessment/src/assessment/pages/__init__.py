"""The server-rendered company pages (Jinja, usable without JavaScript), with CSRF
protection for every form of the app and the security headers of these pages."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from jinja2 import pass_context
from sqlalchemy import Engine

from assessment.config import AssessmentConfig
from assessment.pages.form_fields import UNKNOWN, share_key, unknown_key
from assessment.pages.ui_texts import funding_notes, local_date, ui_text
from assessment.pages.views import create_pages_blueprint
from servicekit.request_limits import RequestLimits

API_BLUEPRINT = "api_v1"


def install_pages(
    app: Flask,
    engine: Engine,
    config: AssessmentConfig,
    public_base_url: str,
    limits: RequestLimits,
) -> None:
    app.config.update(
        # The resume token lives in the session cookie: never readable by scripts, never
        # sent along with another site's POST, only over TLS where the site has TLS.
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=public_base_url.startswith("https://"),
        # A page may stay open through a long workshop: the CSRF token lives as long as
        # the session instead of Flask-WTF's default hour, so no typed answers are lost.
        WTF_CSRF_TIME_LIMIT=None,
        # The strict check wants a Referer on HTTPS, which `Referrer-Policy: no-referrer`
        # (kept so the token never leaks) suppresses; the token and SameSite suffice.
        WTF_CSRF_SSL_STRICT=False,
    )
    csrf = CSRFProtect(app)
    # The JSON API authenticates with a Bearer token, not a cookie: no CSRF to forge.
    csrf.exempt(app.blueprints[API_BLUEPRINT])
    blueprint = create_pages_blueprint(engine, config, public_base_url, limits)

    @pass_context
    def t(context: Any, key: str, **values: Any) -> str:
        return ui_text(context.get("lang", "de"), key, **values)

    app.jinja_env.filters["berlin_date"] = local_date
    app.jinja_env.globals.update(
        t=t,
        funding_notes=funding_notes,
        UNKNOWN=UNKNOWN,
        share_key=share_key,
        unknown_key=unknown_key,
    )
    app.register_blueprint(blueprint)
