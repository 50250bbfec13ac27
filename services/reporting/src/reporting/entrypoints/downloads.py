"""`GET /reports/<id>.pdf?token=...`: the PDF behind a signed, expiring link.

A link that does not open the report is refused as a problem (RFC 9457, in English as the
API speaks) to a program, and as a page in the reader's language to a browser: a company
opens its link from a mail, and a problem+json would be all it saw.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import NoReturn

from flask import Blueprint, Response, abort, current_app, request, send_file
from flask_babel import gettext, lazy_gettext
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from privacy import link_cutoffs
from reporting.adapters.tables import STATUS_GENERATED, reports
from reporting.domain.documents import REPORT
from reporting.domain.texts import N_
from reporting.entrypoints.dependencies import web_dependencies
from servicekit.app_clock import current_time
from servicekit.look import LINK_EXPIRED, LINK_NOT_VALID, LINK_WITHDRAWN, error_page, wants_a_page
from servicekit.signed_tokens import TokenExpired, TokenInvalid, withdrawn
from servicekit.web import ENGINE_EXTENSION

bp = Blueprint("downloads", __name__)


@dataclass(frozen=True)
class Refusal:
    status: int
    heading: LazyString  # a refused link is headed as in every service (servicekit.look)
    detail: str  # a message id: English in the problem, translated on the page


INVALID = Refusal(403, LINK_NOT_VALID, N_("This link is not valid."))
EXPIRED = Refusal(410, LINK_EXPIRED, N_("This link has expired. The result page offers a new one."))
WITHDRAWN = Refusal(
    403,
    LINK_WITHDRAWN,
    N_("This link was withdrawn. Use the newest link, on your result page."),
)
NO_REPORT = Refusal(
    404, lazy_gettext("Report not found"), N_("There is no such report (any more).")
)


@bp.get("/reports/<uuid:report_id>.pdf")
def download(report_id: uuid.UUID) -> Response:
    dependencies = web_dependencies()
    try:
        verified = dependencies.links.check(
            report_id, request.args.get("token", ""), current_time()
        )
    except TokenInvalid:
        _refuse(INVALID)
    except TokenExpired:
        _refuse(EXPIRED)
    with current_app.extensions[ENGINE_EXTENSION].connect() as connection:
        row = connection.execute(
            select(
                reports.c.file_key, reports.c.language, reports.c.created_at, reports.c.company_id
            ).where(reports.c.id == report_id, reports.c.status == STATUS_GENERATED)
        ).first()
        valid_from = None if row is None else link_cutoffs.valid_from(connection, row.company_id)
    if withdrawn(verified, valid_from):
        _refuse(WITHDRAWN)
    files = dependencies.files
    if row is None or not files.path(row.file_key).is_file():
        _refuse(NO_REPORT)
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


def _refuse(refusal: Refusal) -> NoReturn:
    if not wants_a_page():
        abort(refusal.status, refusal.detail)
    page = error_page(str(refusal.heading), gettext(refusal.detail))
    abort(Response(page, refusal.status, mimetype="text/html"))
