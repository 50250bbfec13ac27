"""The company pages: start, profile, one page per dimension, review, submit, result.

Every page reads and writes through the same use cases, adapters and domain functions as the
JSON API (SqlAssessmentStore, submit, the answers' validation), so both speak for one model.
State changes only on POST, each answered by a redirect (post/redirect/get); a form with
errors is shown again with the messages next to its fields and everything typed kept.

This module holds the routes of the one blueprint, in the order a company meets them, and
the page rendering they share (about 400 lines, one thing); what they need beyond that
lives beside it: browser_session (the tokens this browser holds), steps (which items a page
shows, what a posted form says), answer_texts, result_page. A page speaks the language of
the assessment it shows (browser_session); before there is one, the `lang` the address or the
form asks for, else the browser's (servicekit.languages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.adapters.tables import STATUS_DRAFT
from assessment.domain import (
    AnswerError,
    InvalidAnswers,
    Item,
    Questionnaire,
    ids,
    load_current,
    load_version,
    validate_answers,
    validate_profile,
)
from assessment.domain.answer_wording import answer_text
from assessment.domain.answers import check_value
from assessment.domain.questionnaire import PROFILE_DIMENSION
from assessment.entrypoints.dependencies import web_dependencies
from assessment.entrypoints.pages.answer_texts import profile_rows
from assessment.entrypoints.pages.browser_session import (
    SESSION_TOKENS,
    opened_in_this_browser,
    parse_id,
    remember,
)
from assessment.entrypoints.pages.form_fields import FieldState, stored_field
from assessment.entrypoints.pages.result_page import result_context
from assessment.entrypoints.pages.steps import (
    error_messages,
    first_step,
    read_items,
    scored_dimensions,
    shown_items,
)
from assessment.services.move_to_current_version import move_to_current_version, version_choice
from assessment.services.start_assessment import Applicant, begin_assessment
from assessment.services.submit_assessment import submit
from assessment.services.track_follow_ups import follow_up_status
from servicekit.app_clock import current_time
from servicekit.languages import current_language
from servicekit.look import Onward, error_page
from servicekit.request_limits import LimitReached, client_address

_MAX_TOKEN_LENGTH = 200
_CONSENT_ITEMS = (
    "company.consent_processing",
    "company.consent_advisor_sharing",
    "company.consent_benchmarking",
)


pages = Blueprint("pages", __name__)


@pages.after_request
def no_store(response: Response) -> Response:
    # Pages show the resume link: no shared cache or back-button copy may keep them.
    response.headers["Cache-Control"] = "no-store"
    return response


@pages.errorhandler(NotFound)
def not_found(_error: NotFound) -> tuple[str, int]:
    title = gettext("This link opens no check")
    text = gettext(
        "The link is incomplete, has expired, or this device does not know it yet. Open your "
        "personal link to continue again, or start a new check."
    )
    return _render_error(title, text), 404


@pages.errorhandler(CSRFError)
def csrf_refused(_error: CSRFError) -> tuple[str, int]:
    title = gettext("Please send again")
    text = gettext(
        "The form was no longer valid (for example because cookies were deleted). Reload the "
        "page and send your answers again."
    )
    return _render_error(title, text), 400


@pages.errorhandler(LimitReached)
def limited(limit: LimitReached) -> tuple[str, int, dict[str, str]]:
    title = gettext("Too many requests")
    text = gettext(
        "Too many checks were started from your network or for this email address in a short "
        "time. Please try again later; the personal link in your email still takes you back "
        "to a check you began."
    )
    return _render_error(title, text), 429, {"Retry-After": str(limit.retry_after)}


# -- before the assessment exists --------------------------------------------------


@pages.get("/")
def start() -> str:
    questionnaire, _ = load_current()
    return render_template("pages/start.html", questionnaire=questionnaire)


@pages.route("/start", methods=["GET", "POST"])
def profile() -> Any:
    questionnaire, _ = load_current()
    items = questionnaire.items_of(PROFILE_DIMENSION)
    if request.method == "GET":
        states = {item.id: stored_field(item, {}, current_language()) for item in items}
        return _render_profile(questionnaire, items, states, [])
    states, values = read_items(items, request.form)
    errors = validate_profile(questionnaire, values, complete=True)
    if errors:
        return _render_profile(questionnaire, items, states, errors), 422
    applicant = Applicant(
        company_name=values["company.name"],
        employees=values[ids.EMPLOYEES],
        revenue_band=values.get(ids.REVENUE_BAND),
        district=values[ids.DISTRICT],
        contact_name=values["company.contact_name"],
        contact_email=values["company.contact_email"],
        # What the start page was read in: the `lang` it passed on, else the browser's.
        language=current_language(),
        consent_advisor_sharing=values["company.consent_advisor_sharing"],
        consent_benchmarking=values["company.consent_benchmarking"],
    )
    dependencies = web_dependencies()
    new_id, token = begin_assessment(
        dependencies.store,
        applicant,
        token_lifetime=dependencies.config.token_lifetime,
        now=current_time(),
        public_base_url=_base_url(),
        limits=dependencies.limits,
        client=client_address(),
    )
    remember(new_id, token)
    return _see_other(url_for("pages.step", assessment_id=new_id, dimension_id=first_step()))


# -- the resume link ----------------------------------------------------------------


@pages.get("/resume/<assessment_id>/<token>")
@pages.get("/resume/<assessment_id>")  # the form the JSON API hands out: ?token=
def resume(assessment_id: str, token: str | None = None) -> BaseResponse:
    token = token or request.args.get("token", "")
    parsed = parse_id(assessment_id)
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        abort(404)
    if web_dependencies().store.find_for_token(parsed, token, current_time()) is None:
        abort(404)
    remember(parsed, token)
    return _see_other(url_for("pages.continue_assessment", assessment_id=parsed))


@pages.get("/a/<assessment_id>")
def continue_assessment(assessment_id: str) -> BaseResponse:
    record = _opened(assessment_id)
    if record.status != STATUS_DRAFT:
        return _see_other(url_for("pages.result", assessment_id=record.id))
    questionnaire, _ = load_version(record.questionnaire_version)
    # Where the company left off: the first page with a required question open or
    # with nothing answered yet; once every page has answers, the review.
    for dimension in scored_dimensions(questionnaire):
        items = shown_items(questionnaire, dimension, record.answers)
        answered = [item for item in items if item.id in record.answers]
        open_required = any(item.required and item.id not in record.answers for item in items)
        if open_required or not answered:
            return _see_other(
                url_for("pages.step", assessment_id=record.id, dimension_id=dimension)
            )
    return _see_other(url_for("pages.review", assessment_id=record.id))


# -- the questionnaire ----------------------------------------------------------------


@pages.get("/a/<assessment_id>/company")
def profile_summary(assessment_id: str) -> Any:
    record = _opened(assessment_id)
    questionnaire, _ = load_version(record.questionnaire_version)
    return _page(
        "pages/profile_summary.html",
        record,
        questionnaire,
        step_number=1,
        rows=profile_rows(record, questionnaire),
    )


@pages.route("/a/<assessment_id>/step/<dimension_id>", methods=["GET", "POST"])
def step(assessment_id: str, dimension_id: str) -> Any:
    record = _opened(assessment_id)
    if record.status != STATUS_DRAFT:
        return _see_other(url_for("pages.result", assessment_id=record.id))
    questionnaire, _ = load_version(record.questionnaire_version)
    dimensions = scored_dimensions(questionnaire)
    if dimension_id not in dimensions:
        abort(404)
    if request.method == "GET":
        items = shown_items(questionnaire, dimension_id, record.answers)
        states = {item.id: stored_field(item, record.answers, current_language()) for item in items}
        return _render_step(record, questionnaire, dimension_id, items, states, [])
    # What is shown depends on earlier answers and, on this page, on what was just posted.
    posted = dict(record.answers)
    posted.update(read_items(questionnaire.items_of(dimension_id), request.form)[1])
    items = shown_items(questionnaire, dimension_id, posted)
    states, values = read_items(items, request.form)
    # Cleared answers become "weiß nicht": the store adds and replaces, never deletes.
    for item in items:
        cleared = item.id not in values and record.answers.get(item.id) is not None
        if cleared and item.allows_unknown:
            values[item.id] = None
    errors = validate_answers(questionnaire, values, complete=False)
    bad = {error.item_id for error in errors}
    valid = {item_id: value for item_id, value in values.items() if item_id not in bad}
    if valid and web_dependencies().store.merge_answers(record.id, valid, current_time()) is None:
        return _see_other(url_for("pages.result", assessment_id=record.id))
    action = request.form.get("action", "next")
    if action != "back":
        errors.extend(
            error
            for item in items
            if item.required and item.id not in values
            for error in check_value(item, None)
        )
    if errors:
        page = _render_step(record, questionnaire, dimension_id, items, states, errors)
        return page, 422
    index = dimensions.index(dimension_id)
    if action == "back":
        if index == 0:
            return _see_other(url_for("pages.profile_summary", assessment_id=record.id))
        target = dimensions[index - 1]
    elif action == "save":
        target = dimension_id
    elif index + 1 < len(dimensions):
        target = dimensions[index + 1]
    else:
        return _see_other(url_for("pages.review", assessment_id=record.id))
    return _see_other(url_for("pages.step", assessment_id=record.id, dimension_id=target))


# -- review, submit, result -----------------------------------------------------------


@pages.get("/a/<assessment_id>/review")
def review(assessment_id: str) -> Any:
    record = _opened(assessment_id)
    if record.status != STATUS_DRAFT:
        return _see_other(url_for("pages.result", assessment_id=record.id))
    questionnaire, _ = load_version(record.questionnaire_version)
    return _render_review(record, questionnaire, [])


@pages.post("/a/<assessment_id>/current-version")
def move_to_current(assessment_id: str) -> BaseResponse:
    record = _opened(assessment_id)
    move_to_current_version(web_dependencies().store, record, current_time())
    # Moved or not (submitted meanwhile, profile no longer fits): where the company stands.
    return _see_other(url_for("pages.continue_assessment", assessment_id=record.id))


@pages.post("/a/<assessment_id>/submit")
def submit_assessment(assessment_id: str) -> Any:
    record = _opened(assessment_id)
    try:
        submit(web_dependencies().engine, record.id, current_time())
    except InvalidAnswers as invalid:
        questionnaire, _ = load_version(record.questionnaire_version)
        return _render_review(record, questionnaire, invalid.errors), 422
    return _see_other(url_for("pages.result", assessment_id=record.id))


@pages.get("/a/<assessment_id>/result")
def result(assessment_id: str) -> Any:
    record = _opened(assessment_id)
    if record.result is None:
        return _see_other(url_for("pages.review", assessment_id=record.id))
    questionnaire, ruleset = load_version(record.questionnaire_version)
    dependencies = web_dependencies()
    with dependencies.engine.connect() as connection:
        follow_up = follow_up_status(connection, record.id)
    return _page(
        "pages/result.html",
        record,
        questionnaire,
        **result_context(
            record.result,
            questionnaire,
            ruleset,
            current_language(),
            follow_up,
            booking_url=dependencies.config.booking_links.url(record.id, issued_at=current_time()),
            contract_horizon=record.answers.get(ids.CONTRACT_HORIZON),
        ),
    )


# -- helpers that need the store or the settings -------------------------------------


def _opened(assessment_id: str) -> AssessmentRecord:
    return opened_in_this_browser(web_dependencies().store, assessment_id)


def _base_url() -> str:
    return web_dependencies().public_base_url.rstrip("/")


def _page(
    template: str, record: AssessmentRecord, questionnaire: Questionnaire, **context: Any
) -> str:
    token = session[SESSION_TOKENS][str(record.id)]
    steps = [PROFILE_DIMENSION, *scored_dimensions(questionnaire)]
    return render_template(
        template,
        record=record,
        questionnaire=questionnaire,
        steps=steps,
        step_total=len(steps),
        resume_url=f"{_base_url()}/resume/{record.id}/{token}",
        version_choice=version_choice(record),
        **context,
    )


def _render_step(
    record: AssessmentRecord,
    questionnaire: Questionnaire,
    dimension_id: str,
    items: Sequence[Item],
    states: Mapping[str, FieldState],
    errors: Sequence[AnswerError],
) -> str:
    dimensions = scored_dimensions(questionnaire)
    return _page(
        "pages/step.html",
        record,
        questionnaire,
        dimension=questionnaire.dimension(dimension_id),
        items=items,
        states=states,
        errors=error_messages(errors, current_language()),
        step_number=dimensions.index(dimension_id) + 2,
        is_last=dimension_id == dimensions[-1],
    )


def _render_review(
    record: AssessmentRecord, questionnaire: Questionnaire, errors: Sequence[AnswerError]
) -> str:
    language = current_language()
    sections = []
    for dimension in scored_dimensions(questionnaire):
        rows = [
            {
                "item": item,
                "answer": answer_text(item, record.answers, questionnaire, language),
                "missing": item.required and record.answers.get(item.id) is None,
            }
            for item in shown_items(questionnaire, dimension, record.answers)
        ]
        sections.append({"dimension": questionnaire.dimension(dimension), "rows": rows})
    return _page(
        "pages/review.html",
        record,
        questionnaire,
        sections=sections,
        profile_rows=profile_rows(record, questionnaire),
        errors=error_messages(errors, language),
        step_number=None,
    )


def _render_profile(
    questionnaire: Questionnaire,
    items: Sequence[Item],
    states: Mapping[str, FieldState],
    errors: Sequence[AnswerError],
) -> str:
    return render_template(
        "pages/profile.html",
        questionnaire=questionnaire,
        items=[item for item in items if item.id not in _CONSENT_ITEMS],
        consents=[questionnaire.item(item_id) for item_id in _CONSENT_ITEMS],
        states=states,
        errors=error_messages(errors, current_language()),
        step_number=1,
        step_total=len(scored_dimensions(questionnaire)) + 1,
    )


def _render_error(title: str, text: str) -> str:
    start_page = url_for("pages.start", lang=current_language())
    return error_page(title, text, onward=Onward(start_page, gettext("To the start page")))


def _see_other(location: str) -> BaseResponse:
    """303: after a POST the browser fetches the next page with GET (post/redirect/get)."""
    return redirect(location, code=303)
