"""The number shown is the number classified: the report prints a score with the decimal
it was classified on, as the result page and the mails do."""

from __future__ import annotations

from report_examples import scored_example

from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request


def test_r_of_49_6_beside_class_a_is_printed_49_6_not_50() -> None:
    scored = scored_example("machining")  # class A: E 78.3, R below 50
    scored["scores"]["readiness"]["score"] = 49.6

    html = JinjaDocumentHtml().render(
        report_request(scored, Benchmark("none", 0), "http://book.test/book/1")
    )

    assert "49,6 Punkte · Entwickler" in html
    assert "78,3 Punkte · sehr hoch" in html  # E 78.3, printed "78" before
    assert "50 Punkte · Entwickler" not in html
