"""The desk's blueprint: who is logged in, security headers, error pages, and its views."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy import Engine
from werkzeug.exceptions import Forbidden, NotFound

from notifications.adapters import vocabularies
from notifications.desk import (
    account_views,
    advisor_views,
    availability_views,
    callback_views,
    company_views,
)
from notifications.desk.forms import ActionForm
from notifications.desk.session_user import load_user
from notifications.messages import formatting


def create_desk_blueprint(engine: Engine) -> Blueprint:
    desk = Blueprint(
        "desk",
        __name__,
        url_prefix="/desk",
        template_folder="../templates",
        static_folder="static",
        static_url_path="/static",
    )
    desk.before_request(load_user)

    @desk.after_request
    def no_store(response: Response) -> Response:
        if request.endpoint != "desk.static":
            # Pages with company data: no shared cache or back-button copy keeps them.
            response.headers["Cache-Control"] = "no-store"
        return response

    @desk.context_processor
    def desk_helpers() -> dict[str, object]:
        with engine.connect() as connection:
            # Lists name districts and topics in the newest ruleset's words; a company's
            # page passes the words of the ruleset it was scored with instead.
            words = vocabularies.newest(connection)
        return {
            "logout_form": ActionForm(),
            "formatting": formatting,
            "words": words,
            "berlin": lambda value: "" if value is None else formatting.local_time(value, "de"),
        }

    @desk.errorhandler(NotFound)
    def not_found(_error: NotFound) -> tuple[str, int]:
        return render_template("desk/error.html", message="Nicht gefunden."), 404

    @desk.errorhandler(Forbidden)
    def forbidden(_error: Forbidden) -> tuple[str, int]:
        return render_template("desk/error.html", message="Nur für Administratoren."), 403

    @desk.errorhandler(CSRFError)
    def csrf_refused(_error: CSRFError) -> tuple[str, int]:
        message = "Das Formular war zu lange offen. Bitte laden Sie die Seite neu."
        return render_template("desk/error.html", message=message), 400

    for views in (account_views, company_views, availability_views, advisor_views, callback_views):
        views.register(desk, engine)
    return desk
