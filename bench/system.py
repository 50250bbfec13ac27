"""The whole system under load: N assessments from submit to the advisor's mail.

`python -m bench.system` from the repository root writes bench/results.json and prints a
summary. Each configuration starts `wegweiser-dev run` (what `make run` starts: a Tansu broker,
the SMTP sink, every service's processes) in a temporary working directory of its own, so
databases, broker and mails are fresh, on free ports. The demo advisors are seeded and every
company agrees to share its result with an advisor, so each assessment ends with a mail to
the advisor.

Configurations, run one after the other in the same process, side by side:
- bare renderer: the same N reports rendered directly in this process (bench.reporting's
  measurement), the machine's limit for the pipeline;
- one reporting-worker (as `make run`): warm-up, then a paced phase (one company every
  --interval seconds: warm latency at a rate the system sustains), then a burst of N;
- two reporting-workers: the same plus an extra `reporting-worker` with the supervisor's
  child environment; warm-up until both workers render (a new Tansu group member takes
  6-11 s to be assigned partitions), then a burst of N.

Drafts (start, answers) are created before each timed phase; what is timed is the submit
and everything it sets off. Where each timestamp comes from is written into the results.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.eventing import fresh_event, scored_templates
from bench.figures import say, write_results
from bench.reporting import measure_direct, render_directly
from bench.running_system import running_system
from bench.system_figures import build_results, load_average, summary
from eventing.envelope import Envelope
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer

DEFAULT_OUT = Path("bench/results.json")
# 300 per burst, as the issue asks: on 2 cores about 15 minutes (the bare renderer and two
# configurations, each ~0.6-0.9 s of render per report, plus start-ups and warm-ups);
# `--count 60` gives the same figures, noisier, in about 5.
DEFAULT_COUNT = 300
DEFAULT_PACED = 15
# The paced phase must not build a queue, or it measures the queue: by default a company
# every two bare render times (one worker renders one report at a time, and the rest of the
# system needs about as much CPU again), at least every second.
PACED_RENDER_MULTIPLE = 2.0
MIN_INTERVAL_S = 1.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.system", description=__doc__)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="assessments per burst")
    parser.add_argument(
        "--paced", type=int, default=DEFAULT_PACED, help="assessments in the paced phase"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between companies in the paced phase (default: two bare render times, "
        f"at least {MIN_INTERVAL_S:g})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.count < 2 or args.paced < 2:
        parser.error("need --count >= 2 and --paced >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    load = {"start": load_average()}
    say(f"bare renderer: {args.count} reports in this process")
    bare = measure_bare(args.count)
    load["after_bare"] = load_average()
    if args.interval is None:
        render_s = 1 / bare["reports_per_s"]
        args.interval = round(max(MIN_INTERVAL_S, PACED_RENDER_MULTIPLE * render_s), 2)
    say(f"one reporting-worker: warm-up, {args.paced} paced, burst of {args.count}")
    one = run_configuration(args, workers=1, label="w1")
    load["after_one_worker"] = load_average()
    say(f"two reporting-workers: warm-up, burst of {args.count}")
    two = run_configuration(args, workers=2, label="w2")
    load["end"] = load_average()
    report = build_results(args, bare, one, two, load, time.monotonic() - started)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: a missed target is reported, not failed


# --- the companies ---------------------------------------------------------------------


def measure_bare(count: int) -> dict[str, Any]:
    """bench.reporting's bare renderer, plus the CPU time it took: on a shared machine the
    CPU per report says what the wall-clock rate cannot (how much the neighbours took)."""
    warm_up, events = _bare_events(count)
    # WeasyPrint's imports and fonts once, before the CPU clock starts.
    render_directly(WeasyPrintRenderer(), JinjaDocumentHtml(), warm_up)
    cpu_before = time.process_time()
    bare = measure_direct(warm_up, events)
    cpu = time.process_time() - cpu_before
    # measure_direct renders its warm-up too, hence count + 1.
    return bare | {"cpu_seconds_per_report": round(cpu / (count + 1), 3)}


def _bare_events(count: int) -> tuple[Envelope, list[Envelope]]:
    """The warm-up and the N scored events for the bare renderer, with the same companies
    (names included) as the burst."""
    templates = scored_templates()
    events = []
    for index in range(count + 1):
        event = fresh_event(templates, index)
        name = f"{event.data['company']['name']} bare-{index}"
        data = {**event.data, "company": {**event.data["company"], "name": name}}
        events.append(dataclasses.replace(event, data=data))
    return events[0], events[1:]


# --- one configuration: the system, started like `make run` ----------------------------


def run_configuration(args: argparse.Namespace, *, workers: int, label: str) -> dict[str, Any]:
    with (
        tempfile.TemporaryDirectory(prefix=f"wegweiser-bench-system-{label}-") as work_dir,
        running_system(Path(work_dir)) as system,
    ):
        system.seed()
        if workers == 2:
            system.start_extra_worker()
        warm_up = system.warm_up(label, wait_for_workers=workers)
        paced = None
        if workers == 1:
            drafts = system.drafts(args.paced, f"{label}p")
            paced = system.measure(drafts, interval_s=args.interval)
        drafts = system.drafts(args.count, label)
        burst = system.measure(drafts, interval_s=None)
        return {
            "reporting_workers": workers,
            "warm_up": warm_up,
            "paced": paced,
            "burst": burst,
            "peak_memory_mib": system.memory.peaks(),
        }


if __name__ == "__main__":
    sys.exit(main())
