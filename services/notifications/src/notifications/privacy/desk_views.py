"""The admin's privacy actions at the desk, per company: export what every service holds
(signed links to each service's part, see export_links.py), revoke every link the company was
sent, request the erasure of the company in every service (POSTs with the CSRF token)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy import Engine

from notifications.desk import queries
from notifications.desk.forms import ActionForm
from notifications.desk.session_user import admin_required, current_user
from notifications.privacy.erasure import request_erasure_by_admin
from notifications.privacy.export_links import ExportLinks
from notifications.privacy.links import revoke_links_by_admin
from servicekit.app_clock import current_time


def register(desk: Blueprint, engine: Engine, export_links: ExportLinks) -> None:
    @desk.get("/companies/<assessment_id>/privacy")
    @admin_required
    def privacy(assessment_id: str) -> str:
        row = _company(engine, assessment_id)
        # Minted on every visit: the links last an hour from when the admin opens the page.
        exports = export_links.urls(row.company_id, current_time())
        return render_template("desk/privacy.html", company=row, exports=exports, form=ActionForm())

    @desk.post("/companies/<assessment_id>/privacy/links")
    @admin_required
    def privacy_links(assessment_id: str) -> Any:
        row = _company(engine, assessment_id)
        if not ActionForm().validate_on_submit():
            abort(400)
        revoke_links_by_admin(engine, row.company_id, current_time())
        flash(
            "Links zurückgezogen: alle bisher versandten Links des Unternehmens gelten nicht "
            "mehr; die Kontaktperson erhält einen neuen Link zu ihrem Ergebnis."
        )
        return redirect(url_for("desk.privacy", assessment_id=row.assessment_id))

    @desk.post("/companies/<assessment_id>/privacy/erasure")
    @admin_required
    def privacy_erasure(assessment_id: str) -> Any:
        row = _company(engine, assessment_id)
        if not ActionForm().validate_on_submit():
            abort(400)
        request_erasure_by_admin(engine, row.company_id, current_time())
        flash("Löschung beantragt: alle Dienste löschen die Daten des Unternehmens.")
        return redirect(url_for("desk.companies"))


def _company(engine: Engine, assessment_id: str) -> Any:
    try:
        parsed = uuid.UUID(assessment_id)
    except ValueError:
        abort(404)
    with engine.connect() as connection:
        row = queries.company(connection, current_user(), parsed)
    if row is None:
        abort(404)
    return row
