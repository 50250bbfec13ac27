"""Kinds of documents: how a document is identified and what its download is called."""

from __future__ import annotations

import uuid
from datetime import date

from reporting.domain.documents import REPORT, DocumentKind, RenderRequest

ASSESSMENT = uuid.UUID("0b9f4c1e-3a52-4d7e-9c1a-2f6e8d4b7a10")


def test_a_reports_id_is_the_one_every_report_had_before_kinds_existed() -> None:
    # Stored files and links name reports by this id: it must not move.
    before = uuid.uuid5(uuid.UUID("5d0b7f0e-7a43-4c55-9f3e-2f1c0d8a6b21"), str(ASSESSMENT))
    assert REPORT.document_id(ASSESSMENT) == before
    assert RenderRequest(REPORT, ASSESSMENT, "de", object()).document_id == before


def test_each_kind_names_its_documents_apart_for_the_same_subject() -> None:
    certificate = DocumentKind("certificate", uuid.uuid4(), {"de": "Teilnahmebescheinigung"})
    assert certificate.document_id(ASSESSMENT) != REPORT.document_id(ASSESSMENT)
    assert certificate.document_id(ASSESSMENT) == certificate.document_id(ASSESSMENT)


def test_the_download_is_named_in_the_readers_language_and_dated() -> None:
    day = date(2026, 12, 7)
    assert REPORT.download_name("de", day) == "Potenzialanalyse-2026-12-07.pdf"
    assert REPORT.download_name("en", day) == "Potential-analysis-2026-12-07.pdf"
    assert REPORT.download_name("nl", day) == "Potentieelanalyse-2026-12-07.pdf"
    # A language the kind has no name in gets the German one.
    assert REPORT.download_name("fr", day) == "Potenzialanalyse-2026-12-07.pdf"
