"""The notifications service's web process (a Flask app factory served by gunicorn)."""

from __future__ import annotations

import os

from flask import Flask

from eventing.outbox import OutboxCollector
from eventing.tables import request_limits
from mailing.sender import MailOutboxCollector
from notifications.booking.install import install_booking
from notifications.booking.metrics import MeetingsCollector
from notifications.desk import install_desk
from notifications.privacy.export import company_data
from notifications.privacy.export_links import ExportLinks
from privacy.export import export_blueprint
from servicekit.booking_links import BookingLinks
from servicekit.db import make_engine
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
    limits = RequestLimits(
        engine, request_limits, settings.limit_per_client, settings.limit_per_recipient
    )
    install_booking(app, engine, booking_links, limits)
    install_desk(app, engine, export_links)
    app.register_blueprint(export_blueprint("notifications", booking_links.keys, company_data))
    exempt_json_api(app)
    return app
