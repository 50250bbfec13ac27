"""Wiring the privacy API and pages into the assessment app."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from assessment.config import AssessmentConfig
from assessment.entrypoints.privacy.views import create_privacy_api, create_privacy_pages
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.export import company_data
from assessment.services.renew_resume_link import ResumeLinks
from privacy.export import export_blueprint


def install_privacy(
    app: Flask,
    engine: Engine,
    config: AssessmentConfig,
    privacy: PrivacyConfig,
    public_base_url: str,
) -> None:
    """Register the privacy API and pages. The signed export link
    (`/api/v1/privacy/export/<token>`, GET only) serves this service's part as the other
    services serve theirs, so the admin's export at the desk covers it too."""
    api = create_privacy_api(engine, config, privacy)
    app.register_blueprint(api)
    app.register_blueprint(export_blueprint("assessment", config.booking_links.keys, company_data))
    resume_links = ResumeLinks(public_base_url, config.token_lifetime)
    app.register_blueprint(create_privacy_pages(engine, config, privacy, resume_links))
