"""Wiring the booking pages and the booking API into the notifications app."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from notifications.api import install_api
from notifications.booking.callbacks import Callbacks
from notifications.booking.pages import create_pages_blueprint
from notifications.booking.service import BookingService
from servicekit.booking_links import BookingLinks
from servicekit.request_limits import RequestLimits


def install_booking(
    app: Flask, engine: Engine, links: BookingLinks, limits: RequestLimits
) -> BookingService:
    """Register the booking pages (`/book/...`), the API (`/api/v1`, `/openapi.json`)."""
    service = BookingService(engine, links, limits)
    callbacks = Callbacks(engine, service, f"{links.base_url}/desk/", limits)
    app.register_blueprint(create_pages_blueprint(service, callbacks, links))
    install_api(app, service, callbacks, links)
    return service
