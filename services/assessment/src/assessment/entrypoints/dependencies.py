"""What the web views use, built once by the app factory (assessment.web) and kept in
`app.extensions["assessment"]`. The blueprints are module-level objects: each view takes
what it needs from here, so every app (one per test, too) brings its own."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Engine

from assessment.adapters.assessment_store import SqlAssessmentStore
from assessment.config import AssessmentConfig
from assessment.privacy.config import PrivacyConfig
from assessment.services.renew_resume_link import ResumeLinks
from servicekit.request_limits import RequestLimits

EXTENSION = "assessment"


@dataclass(frozen=True)
class WebDependencies:
    engine: Engine
    store: SqlAssessmentStore
    config: AssessmentConfig
    privacy: PrivacyConfig
    public_base_url: str
    limits: RequestLimits
    resume_links: ResumeLinks

    @classmethod
    def build(
        cls,
        engine: Engine,
        config: AssessmentConfig,
        privacy: PrivacyConfig,
        public_base_url: str,
        limits: RequestLimits,
    ) -> WebDependencies:
        return cls(
            engine=engine,
            store=SqlAssessmentStore(engine),
            config=config,
            privacy=privacy,
            public_base_url=public_base_url,
            limits=limits,
            resume_links=ResumeLinks(public_base_url, config.token_lifetime),
        )


def web_dependencies() -> WebDependencies:
    """The current app's dependencies (inside a request)."""
    dependencies: WebDependencies = current_app.extensions[EXTENSION]
    return dependencies
