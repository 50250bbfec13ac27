"""The company's privacy requests, over the JSON API (Bearer resume token) and on a page
(the token in the session, as every company page): export its data, withdraw every link it
was sent (the page; the API has `DELETE …/token`), erase it."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, session
from flask_babel import gettext
from werkzeug.exceptions import NotFound

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.entrypoints.api.bearer_token import opened_assessment
from assessment.entrypoints.api.views import API_PREFIX
from assessment.entrypoints.dependencies import web_dependencies
from assessment.entrypoints.pages.browser_session import SESSION_TOKENS, opened_in_this_browser
from assessment.entrypoints.pages.views import not_found as page_not_found
from assessment.privacy.erasure import request_erasure
from assessment.privacy.export import company_export
from assessment.services.renew_resume_link import NoMailAddress, renew_token
from servicekit.app_clock import current_time
from servicekit.json_api import ApiProblem, install_problem_handlers, json_body

privacy_api = Blueprint("privacy_api", __name__, url_prefix=API_PREFIX)
install_problem_handlers(privacy_api)


@privacy_api.get("/assessments/<assessment_id>/export")
def export(assessment_id: str) -> Response:
    record = opened_assessment(web_dependencies().store, assessment_id)
    return _no_store(jsonify(_export(record)))


@privacy_api.post("/assessments/<assessment_id>/erasure")
def erasure(assessment_id: str) -> tuple[Response, int]:
    dependencies = web_dependencies()
    record = opened_assessment(dependencies.store, assessment_id)
    body = json_body()
    if not isinstance(body, dict) or body.get("confirm") is not True:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            'Erasure cannot be undone: send {"confirm": true} to request it.',
        )
    erasure_id = request_erasure(dependencies.engine, record.company_id, current_time())
    return jsonify(erasure_id=str(erasure_id), status="requested"), 202


privacy_pages = Blueprint("privacy_pages", __name__)


@privacy_pages.after_request
def no_store(response: Response) -> Response:
    return _no_store(response)


@privacy_pages.errorhandler(NotFound)
def not_found(error: NotFound) -> tuple[str, int]:
    return page_not_found(error)


@privacy_pages.get("/a/<assessment_id>/privacy")
def privacy_page(assessment_id: str) -> str:
    return _render(opened_in_this_browser(web_dependencies().store, assessment_id))


# The page routes keep the endpoint names the templates link to (privacy_pages.export).
@privacy_pages.get("/a/<assessment_id>/privacy/export", endpoint="export")
def export_page(assessment_id: str) -> Response:
    record = opened_in_this_browser(web_dependencies().store, assessment_id)
    document = json.dumps(_export(record), ensure_ascii=False)
    return Response(
        document,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="wegweiser-export.json"'},
    )


@privacy_pages.post("/a/<assessment_id>/privacy/erasure", endpoint="erasure")
def erasure_page(assessment_id: str) -> tuple[str, int] | str:
    dependencies = web_dependencies()
    record = opened_in_this_browser(dependencies.store, assessment_id)
    if request.form.get("confirm") != "yes":
        return _render(record, missing_confirmation=True), 422
    request_erasure(dependencies.engine, record.company_id, current_time())
    return _closed(
        record,
        gettext("Erasure requested"),
        gettext(
            "Your data is now being erased in every part of the system. You will get a "
            "confirmation by mail once that is done."
        ),
    )


@privacy_pages.post("/a/<assessment_id>/privacy/links")
def revoke_links(assessment_id: str) -> tuple[str, int] | str:
    dependencies = web_dependencies()
    record = opened_in_this_browser(dependencies.store, assessment_id)
    try:
        renewed = renew_token(
            dependencies.engine, record.id, dependencies.resume_links, current_time()
        )
    except NoMailAddress:
        return _render(record, no_mail_address=True), 409
    if not renewed:
        abort(404)
    return _closed(
        record,
        gettext("Links withdrawn"),
        gettext(
            "None of the earlier links works any more, in this browser neither. We have sent a "
            "new link to your result to your email address."
        ),
    )


def _closed(record: AssessmentRecord, title: str, text: str) -> str:
    """The answer after a request that leaves this browser nothing to open here any more."""
    session[SESSION_TOKENS] = {
        key: value
        for key, value in session.get(SESSION_TOKENS, {}).items()
        if key != str(record.id)
    }
    return render_template("privacy/done.html", title=title, text=text)


def _render(
    record: AssessmentRecord, *, missing_confirmation: bool = False, no_mail_address: bool = False
) -> str:
    return render_template(
        "privacy/privacy.html",
        record=record,
        missing_confirmation=missing_confirmation,
        no_mail_address=no_mail_address,
    )


def _export(record: AssessmentRecord) -> dict[str, Any]:
    dependencies = web_dependencies()
    with dependencies.engine.connect() as connection:
        return company_export(
            connection,
            record.company_id,
            dependencies.config,
            dependencies.privacy,
            current_time(),
        )


def _no_store(response: Response) -> Response:
    # Personal data, and pages reached with a token: no cache keeps them, no link leaks them.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
