"""Pages and render time of the same answers scored with ruleset 2026.1 and with 2026.2.

`python -m bench.reporting_rulesets` from the repository root writes
bench/results/reporting_rulesets.json and prints a summary. No broker is needed.

Side by side in one run: each example assessment of the event contract is scored again from
its answers with both rulesets (same company, same day), and the reports are rendered
directly (report model, HTML, WeasyPrint) in alternation, so drift of the machine hits all
sides alike. Three sides: "before" is a 2026.1 report in the layout used until 2026.2, each
chapter on a page of its own and tables laid out from their cells' text; "2026.1" the same
report in today's layout, where chapters follow one another in fixed-width tables; "after"
the 2026.2 report in today's layout. 2026.2 shows fewer measures, programmes, partners and
agenda points: the report should get shorter where the content did (target: render time
per report, before to after, down by a quarter or more).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from assessment.adapters.scored_event import (
    recommendations_part,
    scores_part,
    vocabulary_part,
)
from assessment.domain import CompanyProfile, load_version, score
from bench.eventing import scored_templates
from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from devstack.demo import SPLIT_SIZE_BANDS
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request

VERSIONS = ("2026.1", "2026.2")
# The rules of report.css until 2026.2, put back for "before": every chapter on a new page,
# and tables whose column widths are measured from every cell's text.
BEFORE_LAYOUT = (
    "<style>section { break-before: page; } table { table-layout: auto; }</style></head>"
)
SIDES = {"before": ("2026.1", BEFORE_LAYOUT), "2026.1": ("2026.1", None), "after": ("2026.2", None)}
TARGET_RENDER_REDUCTION = 0.25
DEFAULT_OUT = Path("bench/results/reporting_rulesets.json")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.reporting_rulesets", description=__doc__)
    parser.add_argument("--rounds", type=int, default=10, help="renders per example and version")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.rounds < 2:
        parser.error("need --rounds >= 2")
    return args


def rescored(data: Mapping[str, Any], ruleset_version: str) -> dict[str, Any]:
    """The event data of the same answers, company and day, scored with `ruleset_version`."""
    questionnaire, ruleset = load_version(ruleset_version)
    company = data["company"]
    employees = company["employees"]
    if employees not in questionnaire.item("company.employees").option_ids:
        employees = SPLIT_SIZE_BANDS[employees]
    card = score(
        data["answers"],
        questionnaire,
        ruleset,
        today=data["scored_at"].date(),
        company=CompanyProfile(employees, company["district"], company["revenue_band"]),
    )
    language = "en" if data["language"] == "en" else "de"
    return {
        **data,
        "ruleset_version": card.ruleset_version,
        "questionnaire_version": card.questionnaire_version,
        "scores": scores_part(card, language),
        "recommendations": recommendations_part(card.recommendations, language),
        "vocabulary": vocabulary_part(questionnaire, ruleset),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    renderer, html = WeasyPrintRenderer(), JinjaDocumentHtml()
    cases = [
        {version: rescored(template.data, version) for version in VERSIONS}
        for template in scored_templates()
    ]

    def render(data: Mapping[str, Any], layout: str | None) -> tuple[float, int]:
        request = report_request(data, Benchmark("none", 0), "http://127.0.0.1:8002/book/x")
        started = time.perf_counter()
        document = html.render(request)
        if layout:
            document = document.replace("</head>", layout, 1)
        pages = renderer.render(document).pages
        return (time.perf_counter() - started) * 1000, pages

    render(cases[0][VERSIONS[0]], None)  # fonts parsed, templates compiled: steady state only
    millis: dict[str, list[float]] = {side: [] for side in SIDES}
    pages: dict[str, list[int]] = {side: [] for side in SIDES}
    per_case = []
    for case in cases:
        case_pages = {}
        for _ in range(args.rounds):
            for side, (version, layout) in SIDES.items():
                took, count = render(case[version], layout)
                millis[side].append(took)
                pages[side].append(count)
                case_pages[side] = count
        per_case.append(
            {
                "company": case[VERSIONS[0]]["company"]["name"],
                "language": case[VERSIONS[0]]["language"],
                "class": {v: case[v]["scores"]["class"] for v in VERSIONS},
                "pages": case_pages,
                "lists": {
                    v: {key: len(entries) for key, entries in case[v]["recommendations"].items()}
                    for v in VERSIONS
                },
            }
        )
    report = build_results(args, millis, pages, per_case)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: missing the target is reported, not failed


def build_results(
    args: argparse.Namespace,
    millis: Mapping[str, list[float]],
    pages: Mapping[str, list[int]],
    per_case: list[dict[str, Any]],
) -> dict[str, Any]:
    before, after = (statistics.median(millis[side]) for side in ("before", "after"))
    reduction = round(1 - after / before, 3)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "weasyprint": package_version("weasyprint"),
        "cpu_cores": os.cpu_count(),
        "settings": {"rounds": args.rounds, "examples": len(per_case)},
        "sides": {
            side: {"ruleset": version, "layout_until_2026_2": bool(layout)}
            for side, (version, layout) in SIDES.items()
        },
        "render": {side: percentiles(millis[side]) for side in SIDES},
        "pages_median": {side: statistics.median(pages[side]) for side in SIDES},
        "per_example": per_case,
        "render_p50_reduction": reduction,
        "target_render_reduction": TARGET_RENDER_REDUCTION,
        "meets_target": reduction >= TARGET_RENDER_REDUCTION,
    }


def summary(report: dict[str, Any], out: Path) -> str:
    lines = [
        f"{side}: {report['pages_median'][side]:g} pages, render "
        + describe_percentiles(report["render"][side])
        for side in SIDES
    ]
    lines += [
        f"  {case['company']}: pages {case['pages']}, measures "
        f"{[case['lists'][v]['measures'] for v in VERSIONS]}, funding "
        f"{[case['lists'][v]['funding'] for v in VERSIONS]}, agenda "
        f"{[case['lists'][v]['agenda'] for v in VERSIONS]}"
        for case in report["per_example"]
    ]
    lines.append(
        f"Median render time, before to after, down by {report['render_p50_reduction']:.0%} "
        f"(target >= {TARGET_RENDER_REDUCTION:.0%}: {verdict(report['meets_target'])})"
    )
    lines.append(f"written to {out}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
