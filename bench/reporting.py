"""PDF render time, and the reporting worker's throughput against the bare renderer.

`python -m bench.reporting` from the repository root starts its own Tansu broker unless
KAFKA_BOOTSTRAP_SERVERS is set, writes bench/results/reporting.json and prints a summary.

Side by side in one run, with the same N scored events: rendered directly in this process
(report model, HTML, WeasyPrint: the renderer's own limit), and sent through the broker to a
real `reporting-worker` process (poll, benchmark query, render in its child process, file,
inbox + outbox transaction). The ratio of the two rates is the pipeline's overhead; both
sides are warmed up first (fonts parsed, consumer group joined), so it measures steady
state. The worker's peak memory is its own plus its render child's, read from /proc.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from bench.eventing import fresh_event, kafka, process_memory, scored_templates
from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from eventing.admin import ensure_topics
from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import to_topic
from eventing.topics import ASSESSMENT_EVENTS
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.tables import reports
from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request
from servicekit.db import make_engine

TARGETS = {"pipeline_ratio": 0.8, "worker_peak_rss_mib": 300}
DEFAULT_OUT = Path("bench/results/reporting.json")
WAIT_TIMEOUT_S = 600.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.reporting", description=__doc__)
    parser.add_argument("--events", type=int, default=30, help="scored events per side")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.events < 2:
        parser.error("need --events >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    templates = scored_templates()
    events = [fresh_event(templates, index) for index in range(args.events + 1)]
    warm_up, measured = events[0], events[1:]
    direct = measure_direct(warm_up, measured)
    with (
        tempfile.TemporaryDirectory(prefix="wegweiser-bench-reporting-") as work_dir,
        kafka("tansu", Path(work_dir)) as (settings, _broker),
    ):
        pipeline = measure_pipeline(settings, Path(work_dir), warm_up, measured)
    report = build_results(args, direct, pipeline)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: missing a target is reported, not failed


def render_directly(renderer: WeasyPrintRenderer, html: JinjaDocumentHtml, event: Envelope) -> int:
    request = report_request(event.data, Benchmark("none", 0), "http://127.0.0.1:8002/book/x")
    return renderer.render(html.render(request)).pages


def measure_direct(warm_up: Envelope, events: Sequence[Envelope]) -> dict[str, Any]:
    renderer, html = WeasyPrintRenderer(), JinjaDocumentHtml()
    render_directly(renderer, html, warm_up)
    millis, pages = [], []
    started = time.perf_counter()
    for event in events:
        one = time.perf_counter()
        pages.append(render_directly(renderer, html, event))
        millis.append((time.perf_counter() - one) * 1000)
    elapsed = time.perf_counter() - started
    return {
        "render": percentiles(millis),
        "pages_median": statistics.median(pages),
        "elapsed_s": round(elapsed, 2),
        "reports_per_s": round(len(events) / elapsed, 3),
    }


def measure_pipeline(
    settings: KafkaSettings, work_dir: Path, warm_up: Envelope, events: Sequence[Envelope]
) -> dict[str, Any]:
    database_url = f"sqlite:///{work_dir / 'reporting.sqlite3'}"
    environ = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
        "KAFKA_PROFILE": settings.profile,
        "REPORTING_DATABASE_URL": database_url,
        "REPORTING_STORAGE_DIR": str(work_dir / "reports"),
        "SECRET_KEY": "bench-secret",
        "BOOKING_LINK_SECRET": "bench-booking-links",
        "LOG_LEVEL": "WARNING",
    }
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "reporting-migrate"], env=environ, check=True)
    ensure_topics(settings)
    engine = make_engine(database_url)
    publisher = KafkaPublisher(settings)
    worker = subprocess.Popen([bin_dir / "reporting-worker"], env=environ)
    sampler = MemorySampler(worker.pid)
    sampler.start()
    try:
        publisher.send_batch([to_topic(ASSESSMENT_EVENTS.name, warm_up)])
        wait_for_reports(engine, 1, worker)  # joined the group, render child warm
        started = time.perf_counter()
        publisher.send_batch([to_topic(ASSESSMENT_EVENTS.name, event) for event in events])
        wait_for_reports(engine, 1 + len(events), worker)
        elapsed = time.perf_counter() - started
    finally:
        sampler.stop()
        worker.terminate()
        worker.wait(timeout=60)
        publisher.close()
        engine.dispose()
    return {
        "elapsed_s": round(elapsed, 2),
        "reports_per_s": round(len(events) / elapsed, 3),
        "worker_peak_rss_mib": sampler.peak_mib,
        "worker_process_peak_rss_mib": sampler.peaks.get("worker"),
        "render_child_peak_rss_mib": sampler.peaks.get("render child"),
    }


def wait_for_reports(engine: Engine, expected: int, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_TIMEOUT_S
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            done = connection.execute(select(func.count()).select_from(reports)).scalar_one()
        if done >= expected:
            return
        if worker.poll() is not None:
            raise RuntimeError(f"reporting-worker exited with {worker.returncode}")
        time.sleep(0.05)
    raise RuntimeError(f"only {done} of {expected} reports within {WAIT_TIMEOUT_S:.0f} s")


class MemorySampler:
    """The worker's and its render child's resident memory, sampled every 50 ms.

    The peak of the sum is what the machine must hold; each process's own high-water mark
    (VmHWM) is read at every sample too, so a short spike between samples still counts.
    """

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.peak_mib = 0
        self.peaks: dict[str, int] = {}

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            total = 0
            for role, pid in (
                ("worker", self._pid),
                *(("render child", c) for c in _children(self._pid)),
            ):
                memory = process_memory(pid)
                if memory is None:
                    continue
                total += memory["rss_mib"]
                self.peaks[role] = max(self.peaks.get(role, 0), memory["peak_rss_mib"])
            self.peak_mib = max(self.peak_mib, total)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def build_results(
    args: argparse.Namespace, direct: dict[str, Any], pipeline: dict[str, Any]
) -> dict[str, Any]:
    ratio = round(pipeline["reports_per_s"] / direct["reports_per_s"], 3)
    # Peak of worker + child sampled together, or the two high-water marks if higher.
    peak = max(
        pipeline["worker_peak_rss_mib"],
        (pipeline["worker_process_peak_rss_mib"] or 0)
        + (pipeline["render_child_peak_rss_mib"] or 0),
    )
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "cpu_cores": os.cpu_count(),
        "settings": {
            "events": args.events,
            "kafka_profile": "tansu"
            if not os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
            else os.environ.get("KAFKA_PROFILE", "apache"),
        },
        "direct": direct,
        "pipeline": pipeline,
        "pipeline_ratio": ratio,
        "worker_peak_rss_mib": peak,
        "targets": TARGETS,
        "meets_targets": {
            "pipeline_ratio": ratio >= TARGETS["pipeline_ratio"],
            "worker_peak_rss_mib": peak <= TARGETS["worker_peak_rss_mib"],
        },
    }


def summary(report: dict[str, Any], out: Path) -> str:
    direct, pipeline, met = report["direct"], report["pipeline"], report["meets_targets"]
    return "\n".join(
        [
            f"Render time per report ({direct['pages_median']:g} pages): "
            + describe_percentiles(direct["render"]),
            f"Throughput over {report['settings']['events']} reports: direct "
            f"{direct['reports_per_s']} reports/s, worker pipeline {pipeline['reports_per_s']} "
            f"reports/s, ratio {report['pipeline_ratio']:.2f} "
            f"(target >= {TARGETS['pipeline_ratio']}: {verdict(met['pipeline_ratio'])})",
            f"Worker peak memory (worker + render child): {report['worker_peak_rss_mib']} MiB "
            f"(target <= {TARGETS['worker_peak_rss_mib']}: "
            f"{verdict(met['worker_peak_rss_mib'])})",
            f"written to {out}",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
