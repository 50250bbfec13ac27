"""The reporting service's web process (a Flask app factory served by gunicorn)."""

from __future__ import annotations

import os

from flask import Flask

from eventing.outbox import OutboxCollector
from privacy.export import export_blueprint
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.config import ReportingConfig
from reporting.entrypoints import downloads
from reporting.entrypoints.dependencies import EXTENSION, WebDependencies
from reporting.entrypoints.openapi import DOCUMENT
from reporting.privacy.export import company_data
from servicekit.db import make_engine
from servicekit.languages import install_languages
from servicekit.openapi import serve_openapi
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app, exempt_json_api


def create_app(
    settings: ServiceSettings | None = None, config: ReportingConfig | None = None
) -> Flask:
    settings = settings or ServiceSettings.from_env("reporting", os.environ)
    config = config or ReportingConfig.from_env(os.environ)
    engine = make_engine(settings.database_url)
    app = create_service_app(__name__, settings, engine, collectors=[OutboxCollector(engine)])
    # The pages a browser gets for a refused download link, in the reader's language.
    install_languages(app, "reporting")
    app.extensions[EXTENSION] = WebDependencies(
        links=DownloadLinks(settings.secret_key, settings.public_base_url, config.link_lifetime),
        files=FileReportStore(config.storage_dir),
    )
    app.register_blueprint(downloads.bp)
    serve_openapi(app, DOCUMENT)
    app.register_blueprint(export_blueprint("reporting", config.booking_links.keys, company_data))
    exempt_json_api(app)
    return app
