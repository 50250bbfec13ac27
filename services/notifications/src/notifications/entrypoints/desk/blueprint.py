"""The desk's blueprint: who is logged in, the language the advisor chose, security headers,
error pages and the template helpers. Its views (the *_views modules beside it) add their
routes to it."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, NotFound

from notifications.adapters import vocabularies
from notifications.domain import formatting
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.forms import ActionForm
from notifications.entrypoints.desk.session_user import load_user
from servicekit.languages import current_language, use_language
from servicekit.look import Onward, error_page, error_texts
from wording.formatting import score
from wording.languages import is_language

SESSION_LIFETIME = timedelta(hours=8)  # a working day; then the advisor logs in again
# The advisor's choice of language, kept in a cookie of its own: the login starts a fresh
# session, and the login page itself is read in the chosen language.
LANGUAGE_COOKIE = "desk_language"

desk = Blueprint("desk", __name__, url_prefix="/desk")
desk.before_request(load_user)


@desk.before_request
def chosen_language() -> None:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if is_language(chosen):
        use_language(chosen)


@desk.record_once
def _session_lifetime(state: BlueprintSetupState) -> None:
    state.app.config.update(PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)


@desk.after_request
def no_store(response: Response) -> Response:
    # Pages with company data: no shared cache or back-button copy keeps them.
    response.headers["Cache-Control"] = "no-store"
    return response


@desk.context_processor
def desk_helpers() -> dict[str, object]:
    with web_dependencies().engine.connect() as connection:
        # Lists name districts and topics in the newest ruleset's words; a company's
        # page passes the words of the ruleset it was scored with instead.
        words = vocabularies.newest(connection)
    language = current_language()
    return {
        "logout_form": ActionForm(),
        "language_form": ActionForm(),
        "lang": language,
        "score": lambda value: score(value, language),
        "words": words,
        "berlin": lambda value: "" if value is None else formatting.local_time(value, language),
    }


@desk.errorhandler(NotFound)
def not_found(_error: NotFound) -> tuple[str, int]:
    return _error_page(*error_texts(404)), 404


@desk.errorhandler(Forbidden)
def forbidden(_error: Forbidden) -> tuple[str, int]:
    heading, _ = error_texts(403)
    return _error_page(heading, gettext("For administrators only.")), 403


@desk.errorhandler(CSRFError)
def csrf_refused(_error: CSRFError) -> tuple[str, int]:
    chosen_language()  # the CSRF check runs before the desk's before_request
    message = gettext("The form was open for too long. Please reload the page.")
    return _error_page(gettext("That did not work"), message), 400


def _error_page(heading: str, detail: str) -> str:
    # In the desk's frame: the advisor keeps the sections and the language switch.
    overview = Onward(url_for("desk.companies"), gettext("To the overview"))
    return error_page(heading, detail, onward=overview, layout="desk/base.html")
