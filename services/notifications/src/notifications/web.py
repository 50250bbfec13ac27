"""The notifications service's web process (a Flask app factory served by gunicorn).

The composition root: settings are read here once, the dependencies the views use are built
and kept in `app.extensions`, and the module-level blueprints of entrypoints/ are registered.
It sits at the package root, where every service's `<service>.web:create_app()` is served
from (eventing.processes), and where Flask finds the service's templates/.
"""

from __future__ import annotations

import os

from flask import Flask

from eventing.outbox import OutboxCollector
from eventing.tables import request_limits
from mailing.sender import MailOutboxCollector
from notifications.adapters.metrics import MeetingsCollector
from notifications.entrypoints.api import api
from notifications.entrypoints.api.openapi import openapi_document
from notifications.entrypoints.booking import pages
from notifications.entrypoints.dependencies import EXTENSION, WebDependencies
from notifications.entrypoints.desk import desk
from notifications.privacy.export import company_data
from notifications.privacy.export_links import ExportLinks
from privacy.export import export_blueprint
from servicekit.booking_links import BookingLinks
from servicekit.db import make_engine
from servicekit.languages import install_languages
from servicekit.openapi import serve_openapi
from servicekit.request_limits import RequestLimits
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app, exempt_json_api


def create_app(
    settings: ServiceSettings | None = None,
    booking_links: BookingLinks | None = None,
    export_links: ExportLinks | None = None,
) -> Flask:
    settings = settings or ServiceSettings.from_env("notifications", os.environ)
    booking_links = booking_links or BookingLinks.from_env(os.environ, settings.public_base_url)
    export_links = export_links or ExportLinks.from_env(os.environ, booking_links)
    engine = make_engine(settings.database_url)
    # create_service_app creates the one CSRF guard for every form of the app.
    app = create_service_app(
        __name__,
        settings,
        engine,
        collectors=[
            OutboxCollector(engine),
            MailOutboxCollector(engine),
            MeetingsCollector(engine),
        ],
    )
    install_languages(app, "notifications")
    app.extensions[EXTENSION] = WebDependencies.build(
        engine,
        booking_links,
        export_links,
        RequestLimits(
            engine, request_limits, settings.limit_per_client, settings.limit_per_recipient
        ),
    )
    app.register_blueprint(pages)
    app.register_blueprint(api)
    serve_openapi(app, openapi_document())
    app.register_blueprint(desk)
    # The signed export link (`/api/v1/privacy/export/<token>`, GET only) serves this
    # service's part as the other services serve theirs, so the admin's export at the desk
    # covers it too.
    app.register_blueprint(export_blueprint("notifications", booking_links.keys, company_data))
    # The API blueprints authenticate with a Bearer token (or the signed export link):
    # exempted from CSRF here, once, after every blueprint is registered.
    exempt_json_api(app)
    return app
