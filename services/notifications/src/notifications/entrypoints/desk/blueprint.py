"""The desk's blueprint: who is logged in, security headers, error pages and the template
helpers. Its views (the *_views modules beside it) add their routes to it."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, render_template, request
from flask.blueprints import BlueprintSetupState
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, NotFound

from notifications.adapters import vocabularies
from notifications.domain import formatting
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.forms import ActionForm
from notifications.entrypoints.desk.session_user import load_user
from wording.formatting import score

SESSION_LIFETIME = timedelta(hours=8)  # a working day; then the advisor logs in again

desk = Blueprint(
    "desk", __name__, url_prefix="/desk", static_folder="static", static_url_path="/static"
)
desk.before_request(load_user)


@desk.record_once
def _session_lifetime(state: BlueprintSetupState) -> None:
    state.app.config.update(PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)


@desk.after_request
def no_store(response: Response) -> Response:
    if request.endpoint != "desk.static":
        # Pages with company data: no shared cache or back-button copy keeps them.
        response.headers["Cache-Control"] = "no-store"
    return response


@desk.context_processor
def desk_helpers() -> dict[str, object]:
    with web_dependencies().engine.connect() as connection:
        # Lists name districts and topics in the newest ruleset's words; a company's
        # page passes the words of the ruleset it was scored with instead.
        words = vocabularies.newest(connection)
    return {
        "logout_form": ActionForm(),
        "score": score,
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
