"""The admin's privacy actions at the desk, per company: export what this service holds,
revoke every link the company was sent, request the erasure of the company in every service
(POSTs with the CSRF token)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from sqlalchemy import Engine

from notifications.desk import queries
from notifications.desk.forms import ActionForm
from notifications.desk.session_user import admin_required, current_user
from notifications.privacy.erasure import request_erasure_by_admin
from notifications.privacy.export import company_data
from notifications.privacy.links import revoke_links_by_admin
from servicekit.privacy import as_json


def register(desk: Blueprint, engine: Engine) -> None:
    @desk.get("/companies/<assessment_id>/privacy")
    @admin_required
    def privacy(assessment_id: str) -> str:
        row = _company(engine, assessment_id)
        return render_template("desk/privacy.html", company=row, form=ActionForm())

    @desk.get("/companies/<assessment_id>/privacy/export")
    @admin_required
    def privacy_export(assessment_id: str) -> Response:
        row = _company(engine, assessment_id)
        with engine.connect() as connection:
            data = company_data(connection, row.company_id)
        document = {"service": "notifications", "company_id": row.company_id, "data": data}
        return Response(
            json.dumps(as_json(document), ensure_ascii=False),
            mimetype="application/json",
            headers={"Content-Disposition": 'attachment; filename="wegweiser-export.json"'},
        )

    @desk.post("/companies/<assessment_id>/privacy/links")
    @admin_required
    def privacy_links(assessment_id: str) -> Any:
        row = _company(engine, assessment_id)
        if not ActionForm().validate_on_submit():
            abort(400)
        revoke_links_by_admin(engine, row.company_id)
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
        request_erasure_by_admin(engine, row.company_id)
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
