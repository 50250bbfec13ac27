"""`GET /reports/<id>.pdf?token=...`: the PDF behind a signed, expiring link."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, abort, current_app, request, send_file
from sqlalchemy import select

from privacy import link_cutoffs
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.adapters.tables import STATUS_GENERATED, reports
from servicekit.app_clock import current_time
from servicekit.signed_tokens import TokenExpired, TokenInvalid, withdrawn
from servicekit.web import ENGINE_EXTENSION

bp = Blueprint("downloads", __name__)

LINKS_EXTENSION = "reporting.links"
FILES_EXTENSION = "reporting.files"


@bp.get("/reports/<uuid:report_id>.pdf")
def download(report_id: uuid.UUID) -> Response:
    links: DownloadLinks = current_app.extensions[LINKS_EXTENSION]
    try:
        verified = links.check(report_id, request.args.get("token", ""), current_time())
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
    files: FileReportStore = current_app.extensions[FILES_EXTENSION]
    if row is None or not files.path(row.file_key).is_file():
        abort(404, "There is no such report (any more).")
    name = "Potenzialanalyse" if row.language == "de" else "Potential-analysis"
    response = send_file(
        files.path(row.file_key),
        mimetype="application/pdf",
        download_name=f"{name}-{row.created_at:%Y-%m-%d}.pdf",
        max_age=0,
    )
    # Confidential company data behind a link: no shared caches, no content sniffing.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
