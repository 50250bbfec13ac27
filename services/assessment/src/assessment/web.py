"""The assessment service's web process (a Flask app factory served by gunicorn).

The composition root: settings are read here once, the dependencies the views use are built
and kept in `app.extensions`, and the module-level blueprints of entrypoints/ are registered.
It sits at the package root, where every service's `<service>.web:create_app()` is served
from (eventing.processes), and where Flask finds the service's templates/.
"""

from __future__ import annotations

import os

from flask import Flask

from assessment.adapters.metrics import FundingReviewCollector
from assessment.config import AssessmentConfig
from assessment.entrypoints.api import api
from assessment.entrypoints.api.openapi import openapi_document
from assessment.entrypoints.dependencies import EXTENSION, WebDependencies
from assessment.entrypoints.pages import pages
from assessment.entrypoints.privacy.views import privacy_api, privacy_pages
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.export import company_data
from eventing.outbox import OutboxCollector
from eventing.tables import request_limits
from mailing.sender import MailOutboxCollector
from privacy.export import export_blueprint
from servicekit.db import make_engine
from servicekit.languages import install_languages
from servicekit.openapi import serve_openapi
from servicekit.request_limits import RequestLimits
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app, exempt_json_api


def create_app(
    settings: ServiceSettings | None = None, config: AssessmentConfig | None = None
) -> Flask:
    settings = settings or ServiceSettings.from_env("assessment", os.environ)
    config = config or AssessmentConfig.from_env(os.environ)
    engine = make_engine(settings.database_url)
    # create_service_app creates the one CSRF guard for every form of the app.
    app = create_service_app(
        __name__,
        settings,
        engine,
        collectors=[OutboxCollector(engine), MailOutboxCollector(engine), FundingReviewCollector()],
    )
    # A page may stay open through a long workshop: the CSRF token lives as long as the
    # session instead of Flask-WTF's default hour, so no typed answers are lost.
    app.config.update(WTF_CSRF_TIME_LIMIT=None)
    install_languages(app, "assessment")
    app.extensions[EXTENSION] = WebDependencies.build(
        engine,
        config,
        PrivacyConfig.from_env(os.environ),
        settings.public_base_url,
        RequestLimits(
            engine, request_limits, settings.limit_per_client, settings.limit_per_recipient
        ),
    )
    app.register_blueprint(api)
    serve_openapi(app, openapi_document())
    app.register_blueprint(pages)
    app.register_blueprint(privacy_api)
    # The signed export link (`/api/v1/privacy/export/<token>`, GET only) serves this
    # service's part as the other services serve theirs, so the admin's export at the desk
    # covers it too.
    app.register_blueprint(export_blueprint("assessment", config.booking_links.keys, company_data))
    app.register_blueprint(privacy_pages)
    # The API blueprints authenticate with a Bearer token: exempted from CSRF here, once,
    # after every blueprint is registered.
    exempt_json_api(app)
    return app
