"""The advisor desk at /desk/: login, the assigned companies by priority, meetings,
availability, the delivery log, and (for admins) the advisors and their routing and the
companies' call-back requests."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import Engine

from notifications.desk.blueprint import create_desk_blueprint
from notifications.privacy import desk_views as privacy_views
from notifications.privacy.export_links import ExportLinks

SESSION_LIFETIME = timedelta(hours=8)  # a working day; then the advisor logs in again


def install_desk(app: Flask, engine: Engine, export_links: ExportLinks) -> None:
    app.config.update(PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)
    desk = create_desk_blueprint(engine)
    privacy_views.register(desk, engine, export_links)
    app.register_blueprint(desk)
