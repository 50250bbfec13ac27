"""The company's privacy requests, over the JSON API (Bearer resume token) and on a page
(the token in the session, as every company page): export its data, withdraw every link it
was sent (the page; the API has `DELETE …/token`), erase it."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, session
from werkzeug.exceptions import NotFound

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.entrypoints.api.bearer_token import opened_assessment
from assessment.entrypoints.api.views import API_PREFIX
from assessment.entrypoints.dependencies import web_dependencies
from assessment.entrypoints.pages.browser_session import SESSION_TOKENS, opened_in_this_browser
from assessment.privacy.erasure import request_erasure
from assessment.privacy.export import company_export
from assessment.services.renew_resume_link import NoMailAddress, renew_token
from servicekit.app_clock import current_time
from servicekit.json_api import ApiProblem, install_problem_handlers, json_body

TEXTS = {
    "de": {
        "title": "Ihre Daten",
        "export_title": "Alle Daten herunterladen",
        "export_text": "Eine JSON-Datei mit allem, was wir zu Ihrem Unternehmen gespeichert "
        "haben, mit Links zu den Teilen des Berichts- und des Terminsystems (eine Stunde gültig).",
        "export_button": "Daten herunterladen",
        "links_title": "Alle Links zurückziehen",
        "links_text": "Wenn eine E-Mail von uns in falsche Hände geraten ist: Alle bisher "
        "versandten Links (zum Weitermachen, zum Bericht, zur Terminbuchung, zu Ihren Daten) "
        "gelten danach nicht mehr. Einen neuen Link zu Ihrem Ergebnis senden wir an Ihre "
        "E-Mail-Adresse; die Ergebnisseite zeigt dann neue Links.",
        "links_button": "Alle Links zurückziehen",
        "links_no_mail": "An Ihre E-Mail-Adresse kann kein neuer Link gehen; damit Sie nicht "
        "ausgesperrt werden, gelten die bisherigen Links weiter. Bitte wenden Sie sich an uns.",
        "links_done_title": "Links zurückgezogen",
        "links_done_text": "Alle bisherigen Links gelten nicht mehr, auch in diesem Browser. "
        "Einen neuen Link zu Ihrem Ergebnis haben wir an Ihre E-Mail-Adresse geschickt.",
        "erase_title": "Alle Daten löschen",
        "erase_text": "Wir löschen Ihre Antworten, Ihr Ergebnis, den Bericht, Termine und "
        "E-Mails in allen Teilen des Systems. Das kann nicht rückgängig gemacht werden. "
        "Sie erhalten eine Bestätigung per E-Mail.",
        "confirm": "Ja, alle Daten zu meinem Unternehmen endgültig löschen",
        "confirm_missing": "Bitte bestätigen Sie die Löschung.",
        "erase_button": "Löschen beantragen",
        "requested_title": "Löschung beantragt",
        "requested_text": "Ihre Daten werden jetzt in allen Teilen des Systems gelöscht. "
        "Sobald das geschehen ist, erhalten Sie eine Bestätigung per E-Mail.",
    },
    "en": {
        "title": "Your data",
        "export_title": "Download all data",
        "export_text": "A JSON file with everything we hold about your company, with links to "
        "the parts kept by the report and meeting systems (valid for one hour).",
        "export_button": "Download data",
        "links_title": "Withdraw all links",
        "links_text": "If a mail from us got into the wrong hands: every link sent so far (to "
        "continue, to the report, to book a meeting, to your data) stops working. We send a "
        "new link to your result to your email address; the result page then shows new links.",
        "links_button": "Withdraw all links",
        "links_no_mail": "No new link can be sent to your email address; so that you are not "
        "locked out, the current links keep working. Please contact us.",
        "links_done_title": "Links withdrawn",
        "links_done_text": "None of the earlier links works any more, in this browser neither. "
        "We have sent a new link to your result to your email address.",
        "erase_title": "Erase all data",
        "erase_text": "We erase your answers, your result, the report, meetings and mails in "
        "every part of the system. This cannot be undone. You will get a confirmation by mail.",
        "confirm": "Yes, erase all data about my company for good",
        "confirm_missing": "Please confirm the erasure.",
        "erase_button": "Request erasure",
        "requested_title": "Erasure requested",
        "requested_text": "Your data is now being erased in every part of the system. You "
        "will get a confirmation by mail once that is done.",
    },
}


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
def not_found(_error: NotFound) -> tuple[str, int]:
    language = "en" if request.args.get("lang") == "en" else "de"
    return render_template("pages/error.html", lang=language, kind="not_found"), 404


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
    return _closed(record, "requested_title", "requested_text")


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
    return _closed(record, "links_done_title", "links_done_text")


def _closed(record: AssessmentRecord, title: str, text: str) -> str:
    """The answer after a request that leaves this browser nothing to open here any more."""
    session[SESSION_TOKENS] = {
        key: value
        for key, value in session.get(SESSION_TOKENS, {}).items()
        if key != str(record.id)
    }
    p = TEXTS[_language(record)]
    return render_template(
        "privacy/done.html", lang=_language(record), title=p[title], text=p[text]
    )


def _render(
    record: AssessmentRecord, *, missing_confirmation: bool = False, no_mail_address: bool = False
) -> str:
    language = _language(record)
    return render_template(
        "privacy/privacy.html",
        lang=language,
        p=TEXTS[language],
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


def _language(record: AssessmentRecord) -> str:
    return "en" if record.applicant.language == "en" else "de"


def _no_store(response: Response) -> Response:
    # Personal data, and pages reached with a token: no cache keeps them, no link leaks them.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
