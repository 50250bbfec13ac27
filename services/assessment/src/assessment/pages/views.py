"""The company pages: start, profile, one page per dimension, review, submit, result.

Every page reads and writes through the same adapters and domain functions as the JSON API
(SqlAssessmentStore, submit, the questionnaire's validation), so both speak for one model.
State changes only on POST, each answered by a redirect (post/redirect/get); a form with
errors is shown again with the messages next to its fields and everything typed kept.

The resume link carries the token once: opening it stores the token in this browser's
signed session cookie and redirects to token-free addresses (`/a/<id>/...`), so the token
does not stay in the address bar, the history or later access-log lines.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
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
from flask_wtf.csrf import CSRFError
from sqlalchemy import Engine
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from assessment.adapters.assessment_store import (
    AssessmentRecord,
    SqlAssessmentStore,
)
from assessment.adapters.follow_ups import follow_up_status
from assessment.adapters.start import Applicant, begin_assessment
from assessment.adapters.submission import submit
from assessment.adapters.tables import STATUS_DRAFT
from assessment.config import AssessmentConfig
from assessment.domain import (
    AnswerError,
    InvalidAnswers,
    Item,
    Questionnaire,
    ids,
    load_current,
    load_version,
)
from assessment.domain.answers import check_value
from assessment.domain.questionnaire import PROFILE_DIMENSION
from assessment.domain.texts import LANGUAGES, Language, format_number
from assessment.pages import charts
from assessment.pages.form_fields import ABSENT, FieldState, read_field, stored_field
from assessment.pages.ui_texts import ui_text
from servicekit.app_clock import current_time
from servicekit.cluster_time import CLUSTER_ZONE
from servicekit.request_limits import LimitReached, RequestLimits, client_address

SESSION_TOKENS = "assessment_tokens"
MAX_REMEMBERED = 5  # assessments one browser keeps open (colleagues share computers)
_MAX_TOKEN_LENGTH = 200
_CONSENT_ITEMS = (
    "company.consent_processing",
    "company.consent_advisor_sharing",
    "company.consent_benchmarking",
)


# Meetings take place in Upper Franconia; times are shown as its clocks show them.


def create_pages_blueprint(
    engine: Engine, config: AssessmentConfig, public_base_url: str, limits: RequestLimits
) -> Blueprint:
    pages = Blueprint(
        "pages",
        __name__,
        template_folder="templates",
        static_folder="static",
        static_url_path="/static/pages",
    )
    store = SqlAssessmentStore(engine)
    base_url = public_base_url.rstrip("/")

    @pages.after_request
    def no_store(response: Response) -> Response:
        if request.endpoint != "pages.static":
            # Pages show the resume link: no shared cache or back-button copy may keep them.
            response.headers["Cache-Control"] = "no-store"
        return response

    @pages.errorhandler(NotFound)
    def not_found(_error: NotFound) -> tuple[str, int]:
        return _render_error("not_found", 404)

    @pages.errorhandler(CSRFError)
    def csrf_refused(_error: CSRFError) -> tuple[str, int]:
        return _render_error("csrf", 400)

    @pages.errorhandler(LimitReached)
    def limited(limit: LimitReached) -> tuple[str, int, dict[str, str]]:
        page, status = _render_error("limited", 429, _form_language())
        return page, status, {"Retry-After": str(limit.retry_after)}

    # -- before the assessment exists --------------------------------------------------

    @pages.get("/")
    def start() -> str:
        return render_template("pages/start.html", lang=_query_language())

    @pages.route("/start", methods=["GET", "POST"])
    def profile() -> Any:
        questionnaire, _ = load_current()
        items = questionnaire.items_of(PROFILE_DIMENSION)
        if request.method == "GET":
            language = _query_language()
            states = {item.id: stored_field(item, {}, language) for item in items}
            return _render_profile(questionnaire, items, states, [], language)
        language = _form_language()
        states, values = _read_items(items, request.form)
        errors = questionnaire.validate_profile(values, complete=True)
        if errors:
            return _render_profile(questionnaire, items, states, errors, language), 422
        applicant = Applicant(
            company_name=values["company.name"],
            employees=values[ids.EMPLOYEES],
            revenue_band=values.get(ids.REVENUE_BAND),
            district=values[ids.DISTRICT],
            contact_name=values["company.contact_name"],
            contact_email=values["company.contact_email"],
            language=language,
            consent_advisor_sharing=values["company.consent_advisor_sharing"],
            consent_benchmarking=values["company.consent_benchmarking"],
        )
        new_id, token = begin_assessment(
            store,
            applicant,
            token_lifetime=config.token_lifetime,
            now=current_time(),
            public_base_url=base_url,
            limits=limits,
            client=client_address(),
        )
        _remember(new_id, token)
        return _see_other(url_for("pages.step", assessment_id=new_id, dimension_id=_first_step()))

    # -- the resume link ----------------------------------------------------------------

    @pages.get("/resume/<assessment_id>/<token>")
    @pages.get("/resume/<assessment_id>")  # the form the JSON API hands out: ?token=
    def resume(assessment_id: str, token: str | None = None) -> BaseResponse:
        token = token or request.args.get("token", "")
        parsed = _parse_id(assessment_id)
        if not token or len(token) > _MAX_TOKEN_LENGTH:
            abort(404)
        if store.find_for_token(parsed, token, current_time()) is None:
            abort(404)
        _remember(parsed, token)
        return _see_other(url_for("pages.continue_assessment", assessment_id=parsed))

    @pages.get("/a/<assessment_id>")
    def continue_assessment(assessment_id: str) -> BaseResponse:
        record = _opened(assessment_id)
        if record.status != STATUS_DRAFT:
            return _see_other(url_for("pages.result", assessment_id=record.id))
        questionnaire, _ = load_version(record.questionnaire_version)
        # Where the company left off: the first page with a required question open or
        # with nothing answered yet; once every page has answers, the review.
        for dimension in _scored_dimensions(questionnaire):
            items = _shown_items(questionnaire, dimension, record.answers)
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
            rows=_profile_rows(record, questionnaire),
        )

    @pages.route("/a/<assessment_id>/step/<dimension_id>", methods=["GET", "POST"])
    def step(assessment_id: str, dimension_id: str) -> Any:
        record = _opened(assessment_id)
        if record.status != STATUS_DRAFT:
            return _see_other(url_for("pages.result", assessment_id=record.id))
        questionnaire, _ = load_version(record.questionnaire_version)
        dimensions = _scored_dimensions(questionnaire)
        if dimension_id not in dimensions:
            abort(404)
        language = _language(record)
        if request.method == "GET":
            items = _shown_items(questionnaire, dimension_id, record.answers)
            states = {item.id: stored_field(item, record.answers, language) for item in items}
            return _render_step(record, questionnaire, dimension_id, items, states, [])
        # What is shown depends on earlier answers and, on this page, on what was just posted.
        posted = dict(record.answers)
        posted.update(_read_items(questionnaire.items_of(dimension_id), request.form)[1])
        items = _shown_items(questionnaire, dimension_id, posted)
        states, values = _read_items(items, request.form)
        # Cleared answers become "weiß nicht": the store adds and replaces, never deletes.
        for item in items:
            cleared = item.id not in values and record.answers.get(item.id) is not None
            if cleared and item.allows_unknown:
                values[item.id] = None
        errors = questionnaire.validate_answers(values, complete=False)
        bad = {error.item_id for error in errors}
        valid = {item_id: value for item_id, value in values.items() if item_id not in bad}
        if valid and store.merge_answers(record.id, valid, current_time()) is None:
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

    @pages.post("/a/<assessment_id>/submit")
    def submit_assessment(assessment_id: str) -> Any:
        record = _opened(assessment_id)
        try:
            submit(engine, record.id, current_time())
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
        language = _language(record)
        outcome = record.result
        with engine.connect() as connection:
            follow_up = follow_up_status(connection, record.id)
        class_rule = ruleset.classes.rules[outcome["class"]]
        readiness_dims = [d.id for d in questionnaire.dimensions_of("readiness")]
        titles = {d.id: d.title.in_language(language) for d in questionnaire.dimensions}
        dimension_scores = outcome["readiness"]["dimensions"]
        levels = {
            "readiness": {
                lv.id: lv.name.in_language(language) for lv in ruleset.readiness_levels.levels
            },
            "exposure": {
                lv.id: lv.name.in_language(language) for lv in ruleset.exposure_levels.levels
            },
            "priority": {lv.id: lv.name.in_language(language) for lv in ruleset.priority.levels},
        }
        return _page(
            "pages/result.html",
            record,
            questionnaire,
            outcome=outcome,
            class_name=class_rule.name.in_language(language),
            class_text=class_rule.text.in_language(language),
            levels=levels,
            titles=titles,
            readiness_dims=readiness_dims,
            dimension_scores=dimension_scores,
            matrix=charts.matrix(
                outcome["exposure"]["score"],
                outcome["readiness"]["score"],
                ruleset.classes.exposure_from,
                ruleset.classes.readiness_from,
                outcome["class"],
            ),
            radar=charts.radar(
                [titles[d] for d in readiness_dims],
                [(dimension_scores.get(d) or {}).get("score") for d in readiness_dims],
            ),
            booking_url=config.booking_links.url(record.id, issued_at=current_time()),
            follow_up=follow_up,
            meeting_time=_meeting_time(follow_up["meeting"], language),
        )

    # -- helpers that need the store or the settings -------------------------------------

    def _opened(assessment_id: str) -> AssessmentRecord:
        return opened_in_this_browser(store, assessment_id)

    def _page(
        template: str, record: AssessmentRecord, questionnaire: Questionnaire, **context: Any
    ) -> str:
        token = session[SESSION_TOKENS][str(record.id)]
        steps = [PROFILE_DIMENSION, *_scored_dimensions(questionnaire)]
        return render_template(
            template,
            lang=_language(record),
            record=record,
            questionnaire=questionnaire,
            steps=steps,
            step_total=len(steps),
            resume_url=f"{base_url}/resume/{record.id}/{token}",
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
        dimensions = _scored_dimensions(questionnaire)
        return _page(
            "pages/step.html",
            record,
            questionnaire,
            dimension=questionnaire.dimension(dimension_id),
            items=items,
            states=states,
            errors=_messages(errors, _language(record)),
            step_number=dimensions.index(dimension_id) + 2,
            is_last=dimension_id == dimensions[-1],
        )

    def _render_review(
        record: AssessmentRecord, questionnaire: Questionnaire, errors: Sequence[AnswerError]
    ) -> str:
        language = _language(record)
        sections = []
        for dimension in _scored_dimensions(questionnaire):
            rows = [
                {
                    "item": item,
                    "answer": _answer_text(item, record.answers, questionnaire, language),
                    "missing": item.required and record.answers.get(item.id) is None,
                }
                for item in _shown_items(questionnaire, dimension, record.answers)
            ]
            sections.append({"dimension": questionnaire.dimension(dimension), "rows": rows})
        return _page(
            "pages/review.html",
            record,
            questionnaire,
            sections=sections,
            profile_rows=_profile_rows(record, questionnaire),
            errors=_messages(errors, language),
            step_number=None,
        )

    return pages


def _render_profile(
    questionnaire: Questionnaire,
    items: Sequence[Item],
    states: Mapping[str, FieldState],
    errors: Sequence[AnswerError],
    language: Language,
) -> str:
    return render_template(
        "pages/profile.html",
        lang=language,
        questionnaire=questionnaire,
        items=[item for item in items if item.id not in _CONSENT_ITEMS],
        consents=[questionnaire.item(item_id) for item_id in _CONSENT_ITEMS],
        states=states,
        errors=_messages(errors, language),
        step_number=1,
        step_total=len(_scored_dimensions(questionnaire)) + 1,
    )


def _render_error(kind: str, status: int, language: Language | None = None) -> tuple[str, int]:
    language = language or _query_language()
    return render_template("pages/error.html", lang=language, kind=kind), status


def _read_items(items: Sequence[Item], form: Any) -> tuple[dict[str, FieldState], dict[str, Any]]:
    states: dict[str, FieldState] = {}
    values: dict[str, Any] = {}
    for item in items:
        state, value = read_field(item, form)
        states[item.id] = state
        if value is not ABSENT:
            values[item.id] = value
    return states, values


def _messages(errors: Sequence[AnswerError], language: Language) -> dict[str, list[str]]:
    by_item: dict[str, list[str]] = {}
    for error in errors:
        by_item.setdefault(error.item_id or "_form", []).append(error.message.in_language(language))
    return by_item


def _scored_dimensions(questionnaire: Questionnaire) -> list[str]:
    return [d.id for d in questionnaire.dimensions if d.kind != "profile"]


def _first_step() -> str:
    questionnaire, _ = load_current()
    return _scored_dimensions(questionnaire)[0]


def _shown_items(
    questionnaire: Questionnaire, dimension_id: str, answers: Mapping[str, Any]
) -> list[Item]:
    """The dimension's items the skip logic shows. A rule that looks at an item of the same
    page cannot follow the answer without JavaScript, so such an item is always shown."""
    shown = []
    for item in questionnaire.items_of(dimension_id):
        rule = item.show_if
        same_page = rule is not None and any(
            questionnaire.item(c.item).dimension == dimension_id for c in rule.any
        )
        if rule is None or same_page or rule.shows(answers):
            shown.append(item)
    return shown


def _see_other(location: str) -> BaseResponse:
    """303: after a POST the browser fetches the next page with GET (post/redirect/get)."""
    return redirect(location, code=303)


def opened_in_this_browser(store: SqlAssessmentStore, assessment_id: str) -> AssessmentRecord:
    """The assessment this browser holds a valid token for, as every company page needs it;
    404 otherwise (which of unknown, expired or never opened here is not told)."""
    parsed = _parse_id(assessment_id)
    token = session.get(SESSION_TOKENS, {}).get(str(parsed))
    if not isinstance(token, str):
        abort(404)
    record = store.find_for_token(parsed, token, current_time())
    if record is None:
        abort(404)
    return record


def _parse_id(assessment_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(assessment_id)
    except ValueError:
        abort(404)


def _remember(assessment_id: uuid.UUID, token: str) -> None:
    tokens = {
        key: value
        for key, value in session.get(SESSION_TOKENS, {}).items()
        if key != str(assessment_id)
    }
    tokens[str(assessment_id)] = token
    session[SESSION_TOKENS] = dict(list(tokens.items())[-MAX_REMEMBERED:])


def _language(record: AssessmentRecord) -> Language:
    return "en" if record.applicant.language == "en" else "de"


def _query_language() -> Language:
    return "en" if request.args.get("lang") == "en" else "de"


def _form_language() -> Language:
    value = request.form.get("lang", "de")
    return value if value in LANGUAGES else "de"


def _profile_rows(record: AssessmentRecord, questionnaire: Questionnaire) -> list[dict[str, str]]:
    language = _language(record)
    values: dict[str, Any] = {
        "company.name": record.applicant.company_name,
        ids.EMPLOYEES: record.applicant.employees,
        ids.REVENUE_BAND: record.applicant.revenue_band,
        ids.DISTRICT: record.applicant.district,
        "company.contact_name": record.applicant.contact_name,
        "company.contact_email": record.applicant.contact_email,
        "company.consent_processing": True,
        "company.consent_advisor_sharing": record.applicant.consent_advisor_sharing,
        "company.consent_benchmarking": record.applicant.consent_benchmarking,
    }
    return [
        {
            "question": item.text.in_language(language),
            "answer": _answer_text(item, values, questionnaire, language),
        }
        for item in questionnaire.items_of(PROFILE_DIMENSION)
    ]


def _answer_text(
    item: Item, answers: Mapping[str, Any], questionnaire: Questionnaire, language: Language
) -> str:
    """An answer as the review page shows it."""
    if item.id not in answers:
        return ui_text(language, "not_answered")
    value = answers[item.id]
    if value is None:
        return questionnaire.unknown_label.in_language(language)
    labels = {option.id: option.label.in_language(language) for option in item.options}
    if item.type in {"single", "band"}:
        return labels.get(value, str(value))
    if item.type == "multi":
        return ", ".join(labels.get(v, v) for v in value) or ui_text(language, "none_selected")
    if item.type == "ladder":
        return item.options[value].label.in_language(language)
    if item.type == "likert":
        return f"{value} – {questionnaire.likert_labels[value - 1].in_language(language)}"  # noqa: RUF001
    if item.type == "split":
        parts = [f"{labels.get(k, k)}: {stored}" for k, stored in _split_texts(value, language)]
        return "; ".join(parts)
    if item.type == "consent":
        return ("ja" if value else "nein") if language == "de" else ("yes" if value else "no")
    if item.type == "number":
        return stored_field(item, answers, language).value + _unit(item, language)
    return str(value)


def _split_texts(value: Mapping[str, Any], language: Language) -> list[tuple[str, str]]:
    return [(k, f"{format_number(v, language)} %") for k, v in value.items() if v]


def _unit(item: Item, language: Language) -> str:
    if item.unit is None:
        return ""
    return f" {ui_text(language, 'unit_' + item.unit)}"


def _meeting_time(meeting: dict[str, Any], language: Language) -> str | None:
    """When the booked meeting starts, in the cluster's time zone, as people write it."""
    if meeting["status"] == "none":
        return None
    starts = datetime.fromisoformat(meeting["starts_at"]).astimezone(CLUSTER_ZONE)
    if language == "de":
        return starts.strftime("%d.%m.%Y um %H:%M Uhr")
    return starts.strftime("%d %B %Y at %H:%M")
