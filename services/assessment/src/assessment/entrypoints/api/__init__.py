"""The JSON API of the assessment service (`/api/v1`) and its OpenAPI document."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from assessment.config import AssessmentConfig
from assessment.entrypoints.api.openapi import openapi_document
from assessment.entrypoints.api.token_views import add_token_routes
from assessment.entrypoints.api.views import API_PREFIX, create_api_blueprint
from assessment.entrypoints.privacy.openapi import openapi_paths as privacy_paths
from servicekit.openapi import serve_openapi
from servicekit.request_limits import RequestLimits


def install_api(
    app: Flask,
    engine: Engine,
    config: AssessmentConfig,
    public_base_url: str,
    limits: RequestLimits,
) -> None:
    api = create_api_blueprint(engine, config, public_base_url, limits)
    add_token_routes(api, engine, config, public_base_url)
    app.register_blueprint(api)
    document = openapi_document()
    document["paths"].update(privacy_paths(API_PREFIX))
    serve_openapi(app, document)
