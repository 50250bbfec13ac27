"""The assessment service's web process (a Flask app factory served by gunicorn)."""

from __future__ import annotations

import os

from flask import Flask

from assessment.adapters.metrics import FundingReviewCollector
from assessment.config import AssessmentConfig
from assessment.entrypoints.api import install_api
from assessment.entrypoints.pages import install_pages
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.install import install_privacy
from eventing.outbox import OutboxCollector
from eventing.tables import request_limits
from mailing.sender import MailOutboxCollector
from servicekit.db import make_engine
from servicekit.request_limits import RequestLimits
from servicekit.settings import ServiceSettings
from servicekit.web import create_service_app, exempt_json_api


def create_app(
    settings: ServiceSettings | None = None, config: AssessmentConfig | None = None
) -> Flask:
    settings = settings or ServiceSettings.from_env("assessment", os.environ)
    config = config or AssessmentConfig.from_env(os.environ)
    engine = make_engine(settings.database_url)
    app = create_service_app(
        __name__,
        settings,
        engine,
        collectors=[OutboxCollector(engine), MailOutboxCollector(engine), FundingReviewCollector()],
    )
    limits = RequestLimits(
        engine, request_limits, settings.limit_per_client, settings.limit_per_recipient
    )
    install_api(app, engine, config, settings.public_base_url, limits)
    install_pages(app, engine, config, settings.public_base_url, limits)
    install_privacy(
        app, engine, config, PrivacyConfig.from_env(os.environ), settings.public_base_url
    )
    exempt_json_api(app)
    return app
