"""The renderer in this process: what it leaves behind for the rest of the render child."""

from __future__ import annotations

import gc

from testkit.events import scored_event

from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request


def test_a_render_turns_the_collector_back_on_and_leaves_no_garbage_behind():
    renderer = WeasyPrintRenderer()
    request = report_request(scored_event("machining").data, Benchmark("none", 0), "http://b/1")
    html = JinjaDocumentHtml().render(request)
    renderer.render(html)  # fonts and caches filled, as in a child that has served a report
    gc.collect()

    pdf = renderer.render(html)

    assert pdf.content.startswith(b"%PDF-")
    assert gc.isenabled()
    # Every cycle the render made was freed by its own young-generation collection.
    assert gc.collect() == 0
