"""`GET /reports/<id>.pdf?token=...`: the PDF behind a signed, expiring link."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, abort, current_app, request, send_file
from sqlalchemy import select

from privacy import link_cutoffs
from reporting.adapters.tables import STATUS_GENERATED, reports
from reporting.domain.documents import REPORT
from reporting.entrypoints.dependencies import web_dependencies
from servicekit.app_clock import current_time
from servicekit.signed_tokens import TokenExpired, TokenInvalid, withdrawn
from servicekit.web import ENGINE_EXTENSION

bp = Blueprint("downloads", __name__)


@bp.get("/reports/<uuid:report_id>.pdf")
def download(report_id: uuid.UUID) -> Response:
    dependencies = web_dependencies()
    try:
        verified = dependencies.links.check(
            report_id, request.args.get("token", ""), current_time()
        )
    except TokenInvalid:
        abort(403, "This link is not valid.")
    except TokenExpired:
        abort(410, "This link has expired. The result page offers a new one.")
    with current_app.extensions[ENGINE_EXTENSION].connect() as connection:
        row = connection.execute(
            select(
                reports.c.file_key, reports.c.language, reports.c.created_at, reports.c.company_id
            ).where(reports.c.id == report_id, reports.c.status == STATUS_GENERATED)
        ).first()
        valid_from = None if row is None else link_cutoffs.valid_from(connection, row.company_id)
    if withdrawn(verified, valid_from):
        abort(403, "This link was withdrawn. Use the newest link, on your result page.")
    files = dependencies.files
    if row is None or not files.path(row.file_key).is_file():
        abort(404, "There is no such report (any more).")
    response = send_file(
        files.path(row.file_key),
        mimetype="application/pdf",
        download_name=REPORT.download_name(row.language, row.created_at),
        max_age=0,
    )
    # Confidential company data behind a link: no shared caches, no content sniffing.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
