"""Admins manage the advisors: accounts, and what routing and booking use of them
(districts, topics, active, meeting length and buffer)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext

from eventing.vocabulary import Vocabulary
from notifications.adapters import advisor_store, vocabularies
from notifications.adapters.advisor_store import AccountExists, Coverage
from notifications.adapters.tables import ROLE_ADMIN
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.forms import AdvisorCreateForm, AdvisorEditForm
from notifications.entrypoints.desk.session_user import admin_required, current_user
from servicekit.app_clock import current_time


@desk.get("/advisors")
@admin_required
def advisors() -> str:
    with web_dependencies().engine.connect() as connection:
        rows = advisor_store.all_accounts(connection)
    return render_template("desk/advisors.html", advisors=rows)


@desk.route("/advisors/new", methods=["GET", "POST"])
@admin_required
def new_advisor() -> Any:
    form = AdvisorCreateForm(_newest_words())
    if form.validate_on_submit():
        try:
            with web_dependencies().engine.begin() as connection:
                advisor_store.create_account(
                    connection,
                    name=form.name.data,
                    email=form.email.data,
                    role=form.role.data,
                    password=form.password.data,
                    coverage=_coverage(form),
                    now=current_time(),
                )
        except AccountExists:
            form.email.errors = (
                *form.email.errors,
                gettext("This address already has an account."),
            )
        else:
            flash(gettext("%(name)s created.", name=form.name.data))
            return redirect(url_for("desk.advisors"))
    status = 422 if form.is_submitted() else 200
    return render_template("desk/advisor_form.html", form=form, advisor=None), status


@desk.route("/advisors/<advisor_id>", methods=["GET", "POST"])
@admin_required
def edit_advisor(advisor_id: str) -> Any:
    account = _account(advisor_id)
    form = AdvisorEditForm(_newest_words(), obj=account)
    if form.validate_on_submit():
        if account.id == current_user().id and (
            not form.active.data or form.role.data != ROLE_ADMIN
        ):
            form.role.errors = (
                *form.role.errors,
                gettext(
                    "Your own account stays active and an administrator (otherwise you would "
                    "lock yourself out)."
                ),
            )
        else:
            with web_dependencies().engine.begin() as connection:
                advisor_store.update_account(
                    connection, account.id, form.name.data, form.role.data, _coverage(form)
                )
                if form.new_password.data:
                    advisor_store.set_password(connection, account.id, form.new_password.data)
            flash(gettext("%(name)s saved.", name=form.name.data))
            return redirect(url_for("desk.advisors"))
    status = 422 if form.is_submitted() else 200
    return render_template("desk/advisor_form.html", form=form, advisor=account), status


def _coverage(form: AdvisorCreateForm | AdvisorEditForm) -> Coverage:
    return Coverage(
        districts=form.districts.data or [],
        topics=form.topics.data or [],
        active=form.active.data,
        meeting_minutes=form.meeting_minutes.data,
        buffer_minutes=form.buffer_minutes.data,
    )


def _account(advisor_id: str) -> Any:
    try:
        parsed = uuid.UUID(advisor_id)
    except ValueError:
        abort(404)
    with web_dependencies().engine.connect() as connection:
        account = advisor_store.find(connection, parsed)
    if account is None:
        abort(404)
    return account


def _newest_words() -> Vocabulary:
    with web_dependencies().engine.connect() as connection:
        return vocabularies.newest(connection)
