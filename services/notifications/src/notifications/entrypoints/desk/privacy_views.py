"""The admin's privacy actions at the desk, per company: export what every service holds
(signed links to each service's part, see privacy/export_links.py), revoke every link the
company was sent, request the erasure of the company in every service (POSTs with the CSRF
token). Routes of the desk's blueprint; what they do is in notifications.privacy."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext

from notifications.adapters import desk_queries as queries
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import desk
from notifications.entrypoints.desk.forms import ActionForm
from notifications.entrypoints.desk.session_user import admin_required, current_user
from notifications.privacy.erasure import request_erasure_by_admin
from notifications.privacy.links import revoke_links_by_admin
from servicekit.app_clock import current_time


@desk.get("/companies/<assessment_id>/privacy")
@admin_required
def privacy(assessment_id: str) -> str:
    row = _company(assessment_id)
    # Minted on every visit: the links last an hour from when the admin opens the page.
    exports = web_dependencies().export_links.urls(row.company_id, current_time())
    return render_template("desk/privacy.html", company=row, exports=exports, form=ActionForm())


@desk.post("/companies/<assessment_id>/privacy/links")
@admin_required
def privacy_links(assessment_id: str) -> Any:
    row = _company(assessment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    revoke_links_by_admin(web_dependencies().engine, row.company_id, current_time())
    flash(
        gettext(
            "Links withdrawn: no link sent to the company so far works any more; the contact "
            "person receives a new link to their result."
        )
    )
    return redirect(url_for("desk.privacy", assessment_id=row.assessment_id))


@desk.post("/companies/<assessment_id>/privacy/erasure")
@admin_required
def privacy_erasure(assessment_id: str) -> Any:
    row = _company(assessment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    request_erasure_by_admin(web_dependencies().engine, row.company_id, current_time())
    flash(gettext("Erasure requested: every service deletes the company's data."))
    return redirect(url_for("desk.companies"))


def _company(assessment_id: str) -> Any:
    try:
        parsed = uuid.UUID(assessment_id)
    except ValueError:
        abort(404)
    with web_dependencies().engine.connect() as connection:
        row = queries.company(connection, current_user(), parsed)
    if row is None:
        abort(404)
    return row
