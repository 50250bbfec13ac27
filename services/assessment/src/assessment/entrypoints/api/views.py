"""The routes of the JSON API (`/api/v1`): questionnaire, start, answers, the move to the
current edition, submit, result, and the end of a resume link."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, jsonify, request

from assessment.adapters.resume_mail import resume_url
from assessment.adapters.tables import STATUS_DRAFT
from assessment.domain import (
    AnswerError,
    InvalidAnswers,
    load_current,
    load_version,
    validate_answers,
)
from assessment.entrypoints.api.bearer_token import opened_assessment
from assessment.entrypoints.api.problems import not_found
from assessment.entrypoints.api.questionnaire_document import questionnaire_document
from assessment.entrypoints.api.schemas import (
    AnswersSchema,
    QuestionnaireQuerySchema,
    StartAssessmentSchema,
)
from assessment.entrypoints.dependencies import web_dependencies
from assessment.services.move_to_current_version import move_to_current_version, version_choice
from assessment.services.renew_resume_link import NoMailAddress, renew_token
from assessment.services.start_assessment import Applicant, begin_assessment
from assessment.services.submit_assessment import submit
from assessment.services.track_follow_ups import follow_up_status
from servicekit.app_clock import current_time
from servicekit.json_api import (
    ApiProblem,
    install_problem_handlers,
    invalid_input,
    json_body,
)
from servicekit.request_limits import client_address
from wording.languages import language_or_default

API_PREFIX = "/api/v1"

api = Blueprint("api_v1", __name__, url_prefix=API_PREFIX)
install_problem_handlers(api)


@api.get("/questionnaire")
def get_questionnaire() -> Response:
    query = QuestionnaireQuerySchema().load(request.args.to_dict())
    questionnaire, _ = load_current()
    return jsonify(questionnaire_document(questionnaire, query["lang"]))


@api.post("/assessments")
def start_assessment() -> tuple[Response, int]:
    dependencies = web_dependencies()
    body = StartAssessmentSchema().load(json_body())
    applicant = Applicant(
        company_name=body["company"]["name"],
        employees=body["company"]["employees"],
        revenue_band=body["company"]["revenue_band"],
        district=body["company"]["district"],
        contact_name=body["contact"]["name"],
        contact_email=body["contact"]["email"],
        language=body["language"],
        consent_advisor_sharing=body["consents"]["advisor_sharing"],
        consent_benchmarking=body["consents"]["benchmarking"],
    )
    new_id, token = begin_assessment(
        dependencies.store,
        applicant,
        token_lifetime=dependencies.config.token_lifetime,
        now=current_time(),
        public_base_url=dependencies.public_base_url,
        limits=dependencies.limits,
        client=client_address(),
    )
    link = resume_url(dependencies.public_base_url, new_id, token)
    return jsonify(id=str(new_id), token=token, resume_url=link), 201


@api.put("/assessments/<assessment_id>/answers")
def save_answers(assessment_id: str) -> Response:
    store = web_dependencies().store
    record = opened_assessment(store, assessment_id)
    if record.status != STATUS_DRAFT:
        raise _already_submitted()
    answers = AnswersSchema().load(json_body())["answers"]
    questionnaire, _ = load_version(record.questionnaire_version)
    errors = validate_answers(questionnaire, answers, complete=False)
    if errors:
        raise invalid_input(_answer_errors(errors, record.applicant.language))
    merged = store.merge_answers(record.id, answers, current_time())
    if merged is None:
        raise _already_submitted()
    return jsonify(id=str(record.id), status=STATUS_DRAFT, answers=merged)


@api.post("/assessments/<assessment_id>/current-version")
def move_to_current(assessment_id: str) -> Response:
    """A draft begun on an older edition moves to the current one with the answers that
    still fit (assessment.services.move_to_current_version); a current draft stays as it is."""
    store = web_dependencies().store
    record = opened_assessment(store, assessment_id)
    if record.status != STATUS_DRAFT:
        raise _already_submitted()
    choice = version_choice(record)
    if choice is None:
        kept, version = record.answers, record.questionnaire_version
    elif not choice.can_move:
        raise ApiProblem(
            409,
            "Conflict",
            f"The company details given at the start do not fit edition {choice.current}; "
            f"finish this assessment on edition {choice.started_on} or start a new one.",
        )
    else:
        moved = move_to_current_version(store, record, current_time())
        if moved is None:
            raise _already_submitted()
        kept, version = moved, choice.current
    return jsonify(
        id=str(record.id), status=STATUS_DRAFT, questionnaire_version=version, answers=kept
    )


@api.post("/assessments/<assessment_id>/submit")
def submit_assessment(assessment_id: str) -> Response:
    dependencies = web_dependencies()
    record = opened_assessment(dependencies.store, assessment_id)
    try:
        submitted = submit(dependencies.engine, record.id, current_time())
    except InvalidAnswers as invalid:
        raise invalid_input(_answer_errors(invalid.errors, record.applicant.language)) from None
    return jsonify(submitted.result)


@api.get("/assessments/<assessment_id>/result")
def get_result(assessment_id: str) -> Response:
    dependencies = web_dependencies()
    record = opened_assessment(dependencies.store, assessment_id)
    if record.result is None:
        raise ApiProblem(409, "Conflict", "The assessment has not been submitted yet.")
    with dependencies.engine.connect() as connection:
        follow_up = follow_up_status(connection, record.id)
    return jsonify(record.result | follow_up)


@api.delete("/assessments/<assessment_id>/token")
def end_token(assessment_id: str) -> tuple[Response, int]:
    """The company ends its resume link.

    The token in the Authorization header stops working at once, and so does every signed
    link of the company issued so far (booking, report download, export); a new resume link
    goes to the contact's mailbox (assessment.services.renew_resume_link says why only there).
    204 answers; the answer carries no token.
    """
    dependencies = web_dependencies()
    record = opened_assessment(dependencies.store, assessment_id)
    try:
        renewed = renew_token(
            dependencies.engine, record.id, dependencies.resume_links, current_time()
        )
    except NoMailAddress:
        raise ApiProblem(
            409,
            "Conflict",
            "The contact address cannot receive the new link, so this one stays valid.",
        ) from None
    if not renewed:
        raise not_found()
    return Response(status=204), 204


def _answer_errors(errors: Sequence[AnswerError], language: str) -> dict[str, Any]:
    """Domain errors as the `errors` map: answers -> item id -> messages in the user's language."""
    by_item: dict[str, list[str]] = {}
    for error in errors:
        message = error.message.in_language(language_or_default(language))
        by_item.setdefault(error.item_id or "_schema", []).append(message)
    return {"answers": by_item}


def _already_submitted() -> ApiProblem:
    return ApiProblem(409, "Conflict", "The assessment was submitted; its answers are final.")
