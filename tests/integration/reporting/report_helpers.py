"""Helpers of the reporting tests: what the worker wrote, a report rendered, a PDF's text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import Engine, Table, func, select
from testkit.events import scored_event

from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.tables import outbox
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.render_process import RenderProcess
from reporting.adapters.weasyprint_renderer import Pdf
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request

SECRET = "test-secret"  # noqa: S105 - a test key
BOOKING_LINK_SECRET = "test-booking-links"  # noqa: S105 - a test key
PUBLIC_URL = "http://reports.test"


def outgoing(engine: Engine) -> list[Envelope]:
    with engine.connect() as connection:
        payloads = connection.execute(select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
        return [decode(payload.encode()) for payload in payloads]


def count(engine: Engine, table: Table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it, with runs of white space made one space
    (so a line break inside a table cell does not matter)."""
    (tmp_path / "text.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "text.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


MEDIANS = {"strategy": 40, "innovation": 35, "digital": 50, "energy": 30, "workforce": 45}


def render(
    case: str,
    render_process: RenderProcess,
    benchmark: Benchmark | None = None,
    language: str | None = None,
) -> Pdf:
    """The report of the contract's example `case`, as the render worker makes it."""
    scored = scored_event(case).data
    if language is not None:
        # The contract's examples are German and English; a Dutch one is the same data.
        scored["language"] = language
    peers = benchmark or Benchmark("cohort", 12, MEDIANS | {"finance": 50})
    request = report_request(scored, peers, "http://book.test/book/1")
    return render_process.render(JinjaDocumentHtml().render(request))


# The report's title and chapter headings in each language, in order: the PDF's text and its
# structure tree must both have them.
CHAPTERS = {
    "de": [
        "Potenzialanalyse",
        "1 Zusammenfassung",
        "2 Betroffenheitsprofil",
        "3 Handlungsfähigkeit im Vergleich",
        "4 Stärken und größte Lücken",
        "5 Chancenfelder",
        "6 Fahrplan",
        "7 Förderprogramme",
        "8 Nächster Schritt: Transformationsgespräch",
        "Anhang: Methodik und Antworten",
    ],
    "en": [
        "Potential analysis",
        "1 Summary",
        "2 Exposure profile",
        "3 Readiness compared",
        "4 Strengths and largest gaps",
        "5 Opportunity fields",
        "6 Roadmap",
        "7 Funding programmes",
        "8 Next step: transformation meeting",
        "Appendix: methodology and answers",
    ],
    "nl": [
        "Potentieelanalyse",
        "1 Samenvatting",
        "2 Blootstellingsprofiel",
        "3 Slagvaardigheid in vergelijking",
        "4 Sterke punten en grootste hiaten",
        "5 Kansengebieden",
        "6 Stappenplan",
        "7 Subsidieprogramma's",
        "8 Volgende stap: transformatiegesprek",
        "Bijlage: methodiek en antwoorden",
    ],
}
