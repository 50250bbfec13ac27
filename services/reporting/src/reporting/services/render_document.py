"""Any render request to a stored PDF: HTML from its kind's template, the PDF from the
render process (a few attempts: a render may time out or its process die), the file under
a key derived from the document's id, so rendering again overwrites rather than orphans.

Runs outside any database transaction (rendering takes a while); the use case that asked
records the outcome in its own transaction.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Protocol

from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.file_store import FileReportStore, file_key
from reporting.adapters.metrics import RENDER_SECONDS
from reporting.adapters.render_process import RenderFailed
from reporting.adapters.weasyprint_renderer import Pdf
from reporting.domain.documents import RenderRequest

logger = logging.getLogger(__name__)


class Renderer(Protocol):
    def render(self, html: str) -> Pdf: ...


@dataclass(frozen=True)
class Rendered:
    document_id: uuid.UUID
    file_key: str
    pdf: Pdf | None  # None: every attempt failed
    attempts: int
    failure: str | None  # the last attempt's error


class RenderDocument:
    def __init__(self, renderer: Renderer, files: FileReportStore, *, attempts: int) -> None:
        self._renderer = renderer
        self._files = files
        self._attempts = attempts
        self._html = JinjaDocumentHtml()

    def __call__(self, request: RenderRequest) -> Rendered:
        html = self._html.render(request)
        key = file_key(request.subject_id, request.document_id)
        failure = ""
        for attempt in range(1, self._attempts + 1):
            started = time.perf_counter()
            try:
                pdf = self._renderer.render(html)
            except RenderFailed as exc:
                failure = str(exc)
                logger.warning("render attempt %d of %d failed: %s", attempt, self._attempts, exc)
                continue
            RENDER_SECONDS.observe(time.perf_counter() - started)
            self._files.save(key, pdf.content)
            return Rendered(request.document_id, key, pdf, attempt, None)
        return Rendered(request.document_id, key, None, self._attempts, failure)
