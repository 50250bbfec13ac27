"""The advisor desk at /desk/: login, the assigned companies by priority, meetings,
availability, the delivery log, and (for admins) the advisors and their routing and the
companies' call-back requests."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine

from notifications.desk.blueprint import create_desk_blueprint
from notifications.privacy import desk_views as privacy_views
from notifications.privacy.export_links import ExportLinks

SESSION_LIFETIME = timedelta(hours=8)  # a working day; then the advisor logs in again


def install_desk(
    app: Flask, engine: Engine, public_base_url: str, export_links: ExportLinks
) -> None:
    app.config.update(
        # The session names the logged-in account: never readable by scripts, never sent
        # along with another site's POST, only over TLS where the site has TLS.
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=public_base_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        # The strict check wants a Referer on HTTPS, which `Referrer-Policy: no-referrer`
        # suppresses; the session-bound token and SameSite suffice.
        WTF_CSRF_SSL_STRICT=False,
    )
    # One CSRFProtect per app, whichever of the desk and the booking pages installs first.
    if "csrf" not in app.extensions:
        CSRFProtect(app)
    desk = create_desk_blueprint(engine)
    privacy_views.register(desk, engine, export_links)
    app.register_blueprint(desk)
