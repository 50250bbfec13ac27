"""What the web views use, built once by the app factory (notifications.web) and kept in
`app.extensions["notifications"]`. The blueprints are module-level objects: each view takes
what it needs from here, so every app (one per test, too) brings its own."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Engine

from notifications.adapters.booking_store import BookingStore
from notifications.adapters.login_limit import LoginLimit
from notifications.privacy.export_links import ExportLinks
from notifications.services.meeting_changes import MeetingChanges
from notifications.services.request_callback import Callbacks
from servicekit.booking_links import BookingLinks
from servicekit.request_limits import RequestLimits

EXTENSION = "notifications"


@dataclass(frozen=True)
class WebDependencies:
    engine: Engine
    links: BookingLinks  # the company's booking links; also this service's public address
    store: BookingStore
    meeting_changes: MeetingChanges
    callbacks: Callbacks
    export_links: ExportLinks
    login_limit: LoginLimit

    @classmethod
    def build(
        cls,
        engine: Engine,
        links: BookingLinks,
        export_links: ExportLinks,
        limits: RequestLimits,
    ) -> WebDependencies:
        return cls(
            engine=engine,
            links=links,
            store=BookingStore(engine),
            meeting_changes=MeetingChanges(engine, links, limits),
            callbacks=Callbacks(engine, f"{links.base_url}/desk/", limits),
            export_links=export_links,
            login_limit=LoginLimit(engine),
        )


def web_dependencies() -> WebDependencies:
    """The current app's dependencies (inside a request)."""
    dependencies: WebDependencies = current_app.extensions[EXTENSION]
    return dependencies
