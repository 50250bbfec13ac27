"""Editing availability: the usual week and the days that differ. An advisor edits their
own (/desk/availability); an admin edits anyone's (/desk/advisors/<id>/availability)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext

from notifications.adapters import advisor_store, availability_store
from notifications.domain.hours import format_hours, parse_hours
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.forms import ActionForm, OverrideForm, WeeklyHoursForm
from notifications.entrypoints.desk.session_user import current_user, login_required
from servicekit.app_clock import current_time
from servicekit.languages import current_language
from wording.cluster_time import CLUSTER_ZONE
from wording.formatting import short_date


@desk.route("/availability", methods=["GET", "POST"])
@desk.route("/advisors/<advisor_id>/availability", methods=["GET", "POST"])
@login_required
def availability(advisor_id: str | None = None) -> Any:
    target = _target(advisor_id)
    week_form = WeeklyHoursForm(prefix="week")
    if week_form.is_submitted() and week_form.validate():
        week = {
            day: parse_hours(field.data or "") for day, field in enumerate(week_form.day_fields())
        }
        with web_dependencies().engine.begin() as connection:
            availability_store.replace_weekly_hours(connection, target.id, week)
        flash(gettext("Weekly hours saved."))
        return redirect(_here(advisor_id))
    if not week_form.is_submitted():
        with web_dependencies().engine.connect() as connection:
            week = availability_store.weekly_hours(connection, target.id)
        for day, field in enumerate(week_form.day_fields()):
            field.data = format_hours(week[day])
    return _page(target, week_form, OverrideForm(prefix="day", formdata=None))


@desk.post("/availability/days")
@desk.post("/advisors/<advisor_id>/availability/days")
@login_required
def add_override(advisor_id: str | None = None) -> Any:
    target = _target(advisor_id)
    form = OverrideForm(prefix="day")
    valid = form.validate()
    if valid and form.day.data < _today():
        form.day.errors = (*form.day.errors, gettext("The date is in the past."))
        valid = False
    if valid:
        hours = parse_hours(form.hours.data or "")
        with web_dependencies().engine.begin() as connection:
            availability_store.replace_override(
                connection, target.id, form.day.data, hours, form.note.data or None
            )
        flash(gettext("Exception for %(day)s saved.", day=_shown(form.day.data)))
        return redirect(_here(advisor_id))
    with web_dependencies().engine.connect() as connection:
        week = availability_store.weekly_hours(connection, target.id)
    week_form = WeeklyHoursForm(prefix="week", formdata=None)
    for day, field in enumerate(week_form.day_fields()):
        field.data = format_hours(week[day])
    return _page(target, week_form, form, status=422)


@desk.post("/availability/days/<day>/delete")
@desk.post("/advisors/<advisor_id>/availability/days/<day>/delete")
@login_required
def remove_override(day: str, advisor_id: str | None = None) -> Any:
    target = _target(advisor_id)
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    with web_dependencies().engine.begin() as connection:
        availability_store.remove_override(connection, target.id, parsed)
    flash(gettext("Exception for %(day)s removed.", day=_shown(parsed)))
    return redirect(_here(advisor_id))


def _target(advisor_id: str | None) -> Any:
    """Whose availability: one's own, or (admins only) the advisor named in the path."""
    user = current_user()
    if advisor_id is None:
        wanted = user.id
    elif not user.is_admin:
        abort(404)  # an advisor does not learn which other accounts exist
    else:
        try:
            wanted = uuid.UUID(advisor_id)
        except ValueError:
            abort(404)
    with web_dependencies().engine.connect() as connection:
        account = advisor_store.find(connection, wanted)
    if account is None:
        abort(404)
    return account


def _page(
    target: Any,
    week_form: WeeklyHoursForm,
    override_form: OverrideForm,
    status: int | None = None,
) -> tuple[str, int]:
    with web_dependencies().engine.connect() as connection:
        overrides = availability_store.overrides_from(connection, target.id, _today())
    if status is None:
        status = 422 if week_form.errors else 200
    page = render_template(
        "desk/availability.html",
        advisor=target,
        own=target.id == current_user().id,
        week_form=week_form,
        override_form=override_form,
        overrides=overrides,
        delete_form=ActionForm(),
        date=_shown,
    )
    return page, status


def _here(advisor_id: str | None) -> str:
    if advisor_id is None:
        return url_for("desk.availability")
    return url_for("desk.availability", advisor_id=advisor_id)


def _shown(day: date) -> str:
    return short_date(day, current_language())


def _today() -> date:
    return current_time().astimezone(CLUSTER_ZONE).date()
