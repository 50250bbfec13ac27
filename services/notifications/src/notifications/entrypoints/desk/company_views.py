"""The advisor's companies (by priority), one company, the upcoming meetings, the mail
delivery log; and, for admins, handing a company to another advisor."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from sqlalchemy import Connection
from wtforms import SelectChoice

from notifications.adapters import advisor_store, vocabularies
from notifications.adapters import desk_queries as queries
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.forms import ReassignForm
from notifications.entrypoints.desk.session_user import admin_required, current_user, login_required
from notifications.services.assign_advisor import MANUAL, record_assignment
from servicekit.app_clock import current_time


@desk.get("/")
@login_required
def companies() -> str:
    with web_dependencies().engine.connect() as connection:
        rows = queries.companies(connection, current_user())
    return render_template("desk/companies.html", companies=rows)


@desk.get("/companies/<assessment_id>")
@login_required
def company(assessment_id: str) -> str:
    parsed = _parse(assessment_id)
    with web_dependencies().engine.connect() as connection:
        row = queries.company(connection, current_user(), parsed)
        if row is None:
            abort(404)
        meetings = queries.meetings_of(connection, parsed)
        form = _reassign_form(connection, row.advisor_id) if current_user().is_admin else None
        words = vocabularies.of_ruleset(connection, row.ruleset_version)
    return render_template(
        "desk/company.html", company=row, meetings=meetings, form=form, words=words
    )


@desk.post("/companies/<assessment_id>/advisor")
@admin_required
def reassign(assessment_id: str) -> Any:
    parsed = _parse(assessment_id)
    with web_dependencies().engine.begin() as connection:
        row = queries.company(connection, current_user(), parsed)
        if row is None:
            abort(404)
        form = _reassign_form(connection, row.advisor_id)
        if not form.validate_on_submit():
            abort(400)
        advisor_id = uuid.UUID(form.advisor_id.data)
        if advisor_id != row.advisor_id:
            record_assignment(connection, row._asdict(), advisor_id, MANUAL, current_time(), None)
            flash(gettext("Responsibility changed."))
    return redirect(url_for("desk.company", assessment_id=parsed))


@desk.get("/meetings")
@login_required
def meetings() -> str:
    with web_dependencies().engine.connect() as connection:
        rows = queries.upcoming_meetings(connection, current_user(), current_time())
    return render_template("desk/meetings.html", meetings=rows)


@desk.get("/mails")
@login_required
def mails() -> str:
    with web_dependencies().engine.connect() as connection:
        rows = queries.delivery_log(connection, current_user())
    return render_template("desk/mails.html", mails=rows)


def _reassign_form(connection: Connection, current: uuid.UUID | None) -> ReassignForm:
    form = ReassignForm(advisor_id=None if current is None else str(current))
    form.advisor_id.choices = [
        SelectChoice(str(advisor.id), advisor.name)
        for advisor in advisor_store.all_accounts(connection)
        if advisor.active
    ]
    return form


def _parse(assessment_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(assessment_id)
    except ValueError:
        abort(404)
