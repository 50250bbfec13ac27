"""Admins see the companies that found no free date and asked for a call back, and mark a
request done once they have called (the company can then ask again)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext

from notifications.adapters import desk_queries as queries
from notifications.adapters.callback_store import mark_done
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.forms import ActionForm
from notifications.entrypoints.desk.session_user import admin_required, current_user
from servicekit.app_clock import current_time


@desk.get("/callbacks")
@admin_required
def callbacks() -> str:
    with web_dependencies().engine.connect() as connection:
        rows = queries.open_callback_requests(connection)
    return render_template("desk/callbacks.html", requests=rows, form=ActionForm())


@desk.post("/callbacks/<request_id>/done")
@admin_required
def callback_done(request_id: str) -> Any:
    try:
        parsed = uuid.UUID(request_id)
    except ValueError:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    with web_dependencies().engine.begin() as connection:
        if not mark_done(connection, parsed, current_user().id, current_time()):
            abort(404)  # unknown, or done already (by another admin, or a second click)
    flash(gettext("Callback request marked as done."))
    return redirect(url_for("desk.callbacks"))
