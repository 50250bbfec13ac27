"""The JSON API of the notifications service (`/api/v1`: booking) and its OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, Flask

from notifications.api.openapi import openapi_document
from notifications.api.views import create_api_blueprint
from notifications.booking.callbacks import Callbacks
from notifications.booking.service import BookingService
from servicekit.booking_links import BookingLinks
from servicekit.openapi import serve_openapi


def install_api(
    app: Flask, service: BookingService, callbacks: Callbacks, links: BookingLinks
) -> Blueprint:
    """Register the API and `/openapi.json`; returns the blueprint (CSRF-exempt: it is
    authenticated by a Bearer token, not by a cookie)."""
    blueprint = create_api_blueprint(service, callbacks, links)
    app.register_blueprint(blueprint)
    serve_openapi(app, openapi_document())

    return blueprint
