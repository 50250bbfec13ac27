"""The server-rendered company pages (Jinja, usable without JavaScript)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from jinja2 import pass_context
from sqlalchemy import Engine

from assessment.config import AssessmentConfig
from assessment.entrypoints.pages.form_fields import UNKNOWN, share_key, unknown_key
from assessment.entrypoints.pages.ui_texts import funding_notes, local_date, ui_text
from assessment.entrypoints.pages.views import create_pages_blueprint
from servicekit.request_limits import RequestLimits


def install_pages(
    app: Flask,
    engine: Engine,
    config: AssessmentConfig,
    public_base_url: str,
    limits: RequestLimits,
) -> None:
    # A page may stay open through a long workshop: the CSRF token lives as long as the
    # session instead of Flask-WTF's default hour, so no typed answers are lost.
    app.config.update(WTF_CSRF_TIME_LIMIT=None)
    blueprint = create_pages_blueprint(engine, config, public_base_url, limits)

    @pass_context
    def t(context: Any, key: str, **values: Any) -> str:
        return ui_text(context.get("lang", "de"), key, **values)

    app.jinja_env.filters["berlin_date"] = local_date
    app.jinja_env.globals.update(
        t=t,
        funding_notes=funding_notes,
        UNKNOWN=UNKNOWN,
        share_key=share_key,
        unknown_key=unknown_key,
    )
    app.register_blueprint(blueprint)
