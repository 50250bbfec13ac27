"""The JSON API of the assessment service (`/api/v1`) and its OpenAPI document."""

from __future__ import annotations

from flask import Flask, Response, jsonify
from sqlalchemy import Engine

from assessment.api.openapi import openapi_document
from assessment.api.views import create_api_blueprint
from assessment.config import AssessmentConfig


def install_api(app: Flask, engine: Engine, config: AssessmentConfig, public_base_url: str) -> None:
    app.register_blueprint(create_api_blueprint(engine, config, public_base_url))
    document = openapi_document()  # built once: the schemas do not change while running

    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return jsonify(document)
