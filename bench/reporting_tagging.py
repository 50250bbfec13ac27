"""What tagging the report as PDF/UA-1 costs: render time and size, untagged against tagged.

`python -m bench.reporting_tagging` from the repository root writes
bench/results/reporting_tagging.json and prints a summary. No broker is needed.

Side by side in one run, as bench/reporting_rulesets.py does: each example assessment of the
event contract, in German, English and Dutch, is rendered from the same HTML by two renderers
in alternation, so drift of the machine hits both alike: "untagged" (WeasyPrint's plain PDF,
the report until PDF/UA) and "pdf/ua-1" (the structure tree, the metadata and the marked
content that the service writes now). Layout is the same for both; only writing the PDF
differs. Reported as ratios of the medians, not as a target: tagging is not dropped for speed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from bench.eventing import scored_templates
from bench.figures import describe_percentiles, percentiles, say, write_results
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.weasyprint_renderer import PDF_UA_1, WeasyPrintRenderer
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request
from wording.languages import LANGUAGES

DEFAULT_OUT = Path("bench/results/reporting_tagging.json")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.reporting_tagging", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="renders per report and side")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.rounds < 2:
        parser.error("need --rounds >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    renderers = {"untagged": WeasyPrintRenderer(pdf_variant=None), PDF_UA_1: WeasyPrintRenderer()}
    html = JinjaDocumentHtml()
    documents = [
        html.render(
            report_request(
                {**template.data, "language": language},
                Benchmark("none", 0),
                "http://127.0.0.1:8002/book/x",
            )
        )
        for template in scored_templates()
        for language in LANGUAGES
    ]
    for renderer in renderers.values():  # fonts parsed: steady state only
        renderer.render(documents[0])
    millis: dict[str, list[float]] = {side: [] for side in renderers}
    sizes: dict[str, list[int]] = {side: [] for side in renderers}
    for document in documents:
        for _ in range(args.rounds):
            for side, renderer in renderers.items():
                started = time.perf_counter()
                pdf = renderer.render(document)
                millis[side].append((time.perf_counter() - started) * 1000)
                sizes[side].append(len(pdf.content))
    untagged, tagged = (statistics.median(millis[side]) for side in renderers)
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "weasyprint": package_version("weasyprint"),
        "cpu_cores": os.cpu_count(),
        "settings": {"rounds": args.rounds, "reports": len(documents)},
        "render": {side: percentiles(millis[side]) for side in renderers},
        "size_median_bytes": {side: statistics.median(sizes[side]) for side in renderers},
        "render_p50_ratio": round(tagged / untagged, 3),
        "size_median_ratio": round(
            statistics.median(sizes[PDF_UA_1]) / statistics.median(sizes["untagged"]), 3
        ),
    }
    write_results(report, args.out)
    say(
        "\n".join(
            [
                f"{side}: render {describe_percentiles(report['render'][side])}, "
                f"{report['size_median_bytes'][side]:.0f} bytes"
                for side in renderers
            ]
            + [
                f"PDF/UA-1 against untagged: render time (p50) x{report['render_p50_ratio']}, "
                f"size x{report['size_median_ratio']}",
                f"written to {args.out}",
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
