"""The whole-system benchmark's figures: latencies, rates, CPU, the ratios and the summary."""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.figures import describe_percentiles, percentiles, verdict

TARGETS = {
    "pipeline_ratio": 0.8,
    "scale_out_ratio": 1.7,
    "warm_end_to_end_p50_ms": 2000.0,
}
WARM_UP = 4
SUBMIT_CLIENTS = 4  # concurrent clients in a burst, as several companies at once would be

TIMESTAMPS = {
    "submit_start/submit_end": "this process's clock (time.time) around POST .../submit",
    "scored": "scored_at of the submit response (the assessment web's clock, the same moment "
    "as assessment.scored's scored_at)",
    "pdf": "reports.created_at in the reporting database, written in the same transaction "
    "and from the same `now` as report.generated's generated_at",
    "mail": "the SMTP sink's .eml file name (time.time_ns when the sink stored the mail, "
    "just before it answers 250 to DATA); the advisor's mail is the one to a seeded advisor "
    "whose Reply-To is the company's contact address (unique per assessment)",
    "clocks": "all on this machine, so the differences between them are meaningful",
}


@dataclasses.dataclass(frozen=True)
class Submitted:
    id: uuid.UUID
    started: float
    ended: float
    scored: float


def figures(
    submitted: Sequence[Submitted], pdfs: dict[uuid.UUID, float], mails: dict[uuid.UUID, float]
) -> dict[str, Any]:
    def millis(values: Callable[[Submitted], float]) -> dict[str, Any]:
        return percentiles([values(one) * 1000 for one in submitted])

    first_submit = min(one.started for one in submitted)
    last_mail = max(mails[one.id] for one in submitted)
    first_scored = min(one.scored for one in submitted)
    last_pdf = max(pdfs[one.id] for one in submitted)
    count = len(submitted)
    return {
        "count": count,
        "latency": {
            "submit": millis(lambda one: one.ended - one.started),
            "scored_to_pdf": millis(lambda one: pdfs[one.id] - one.scored),
            "pdf_to_mail": millis(lambda one: mails[one.id] - pdfs[one.id]),
            "end_to_end": millis(lambda one: mails[one.id] - one.started),
        },
        "submit_phase_s": round(max(one.ended for one in submitted) - first_submit, 2),
        "end_to_end_s": round(last_mail - first_submit, 2),
        # Assessments per second from the first submit to the last advisor mail.
        "end_to_end_per_s": round(count / (last_mail - first_submit), 3),
        # The reporting stage: from the first scoring to the last report.
        "reporting_s": round(last_pdf - first_scored, 2),
        "reporting_per_s": round(count / (last_pdf - first_scored), 3),
    }


def cpu_figures(cpu: dict[str, float], count: int, elapsed_s: float) -> dict[str, Any]:
    """How much CPU the system needed, and how much of the machine it got: on a shared
    machine the wall-clock rates depend on the neighbours, these much less."""
    total = sum(cpu.values())
    render = sum(value for name, value in cpu.items() if name.endswith("render child"))
    cores = os.cpu_count() or 1
    return {
        "system_cpu_seconds": round(total, 1),
        "cpu_seconds_per_assessment": round(total / count, 3),
        "render_cpu_seconds_per_report": round(render / count, 3),
        # The system's processes' CPU time over the machine's during the phase.
        "machine_share": round(total / (elapsed_s * cores), 3),
        # What the whole system could do with every core to itself.
        "cpu_bound_ceiling_per_s": round(cores / (total / count), 3),
    }


def build_results(
    args: argparse.Namespace,
    bare: dict[str, Any],
    one: dict[str, Any],
    two: dict[str, Any],
    load: dict[str, Any],
    elapsed_s: float,
) -> dict[str, Any]:
    burst_one, burst_two = one["burst"], two["burst"]
    pipeline_ratio = round(burst_one["end_to_end_per_s"] / bare["reports_per_s"], 3)
    # The same ratio from CPU time instead of wall time: what it would be on an idle machine
    # where the render child has a core to itself (one worker renders serially).
    render_cpu_ratio = round(
        bare["cpu_seconds_per_report"] / burst_one["render_cpu_seconds_per_report"], 3
    )
    reporting_ratio = round(burst_one["reporting_per_s"] / bare["reports_per_s"], 3)
    scale_out = round(burst_two["reporting_per_s"] / burst_one["reporting_per_s"], 3)
    scale_out_end_to_end = round(burst_two["end_to_end_per_s"] / burst_one["end_to_end_per_s"], 3)
    warm_p50 = one["paced"]["latency"]["end_to_end"]["p50_ms"]
    burst_p50 = burst_one["latency"]["end_to_end"]["p50_ms"]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_cores": os.cpu_count(),
        "load_average_1_5_15": load,
        "run_seconds": round(elapsed_s, 1),
        "settings": {
            "count": args.count,
            "paced": args.paced,
            "paced_interval_s": args.interval,
            "warm_up_per_round": WARM_UP,
            "submit_clients": SUBMIT_CLIENTS,
            "system": "wegweiser-dev run (as `make run`) in a fresh temporary directory per "
            "configuration: own Tansu broker, SMTP sink, SQLite databases, free ports",
        },
        "timestamps": TIMESTAMPS,
        "definitions": {
            "end_to_end_per_s": "assessments / (last advisor mail - first submit start)",
            "reporting_per_s": "assessments / (last report - first scoring)",
            "pipeline_ratio": "one worker's end_to_end_per_s / the bare renderer's reports_per_s",
            "reporting_ratio": "one worker's reporting_per_s / the bare renderer's reports_per_s",
            "render_cpu_ratio": "the bare renderer's CPU seconds per report / the one-worker "
            "render child's: the pipeline ratio an idle machine would give, if the rest of "
            "the system fits on the other core",
            "scale_out_ratio": "two workers' reporting_per_s / one worker's",
            "warm_end_to_end_p50_ms": "end-to-end p50 of the paced phase (one worker)",
            "cpu_seconds_by_process": "CPU time each process (summed per name) used during "
            "the phase: where the cores went",
            "cpu_seconds_per_assessment": "the system's processes' CPU time in the phase / "
            "assessments (the bench's own process not included)",
            "machine_share": "the system's CPU time / (phase wall time x cores): below 1 "
            "while the burst runs means the neighbours (other load) or waiting took the rest",
            "cpu_bound_ceiling_per_s": "cores / cpu_seconds_per_assessment: the most "
            "assessments per second this machine could give the system if it were alone",
            "peak_memory_mib": "VmHWM of each process, max over processes of the same name",
        },
        "bare_renderer": bare,
        "one_worker": one,
        "two_workers": two,
        "pipeline_ratio": pipeline_ratio,
        "reporting_ratio": reporting_ratio,
        "render_cpu_ratio": render_cpu_ratio,
        "scale_out_ratio": scale_out,
        "scale_out_end_to_end_ratio": scale_out_end_to_end,
        "warm_end_to_end_p50_ms": warm_p50,
        "burst_end_to_end_p50_ms": burst_p50,
        "targets": TARGETS,
        "meets_targets": {
            "pipeline_ratio": pipeline_ratio >= TARGETS["pipeline_ratio"],
            "scale_out_ratio": scale_out >= TARGETS["scale_out_ratio"],
            "warm_end_to_end_p50_ms": warm_p50 <= TARGETS["warm_end_to_end_p50_ms"],
        },
    }


def summary(report: dict[str, Any], out: Path) -> str:
    one, two, met = report["one_worker"], report["two_workers"], report["meets_targets"]
    lines = [
        f"{report['settings']['count']} assessments per burst, {report['cpu_cores']} cores, "
        f"load {report['load_average_1_5_15']['start'][0]} at start, "
        f"{report['run_seconds']:.0f} s in all",
        f"Bare renderer: {report['bare_renderer']['reports_per_s']} reports/s, "
        f"{report['bare_renderer']['cpu_seconds_per_report']} CPU s per report",
    ]
    for title, config in (("One reporting-worker", one), ("Two reporting-workers", two)):
        burst = config["burst"]
        lines.append(
            f"{title}, burst: {burst['end_to_end_per_s']} assessments/s end to end, "
            f"reporting {burst['reporting_per_s']} reports/s"
        )
        for stage, label in (
            ("submit", "submit"),
            ("scored_to_pdf", "scored→PDF"),
            ("pdf_to_mail", "PDF→mail"),
            ("end_to_end", "end to end"),
        ):
            lines.append(f"  {label}: " + describe_percentiles(burst["latency"][stage]))
        lines.append(
            f"  CPU {burst['cpu_seconds_per_assessment']} s per assessment (render "
            f"{burst['render_cpu_seconds_per_report']} s), {burst['machine_share']:.0%} of "
            f"the machine, CPU-bound ceiling {burst['cpu_bound_ceiling_per_s']}/s"
        )
    paced = one["paced"]
    lines += [
        f"Paced ({paced['count']}, one every {paced['interval_s']} s), end to end: "
        + describe_percentiles(paced["latency"]["end_to_end"]),
        f"Pipeline / bare renderer: {report['pipeline_ratio']:.2f} "
        f"(target >= {TARGETS['pipeline_ratio']}: {verdict(met['pipeline_ratio'])}); "
        f"reporting stage alone {report['reporting_ratio']:.2f}; by CPU time per render "
        f"{report['render_cpu_ratio']:.2f}",
        f"Scale-out, two workers / one (reporting): {report['scale_out_ratio']:.2f} "
        f"(target >= {TARGETS['scale_out_ratio']}: {verdict(met['scale_out_ratio'])}); "
        f"end to end {report['scale_out_end_to_end_ratio']:.2f}",
        f"Warm end-to-end p50: {report['warm_end_to_end_p50_ms']} ms paced "
        f"(target <= {TARGETS['warm_end_to_end_p50_ms']:.0f}: "
        f"{verdict(met['warm_end_to_end_p50_ms'])}), "
        f"{report['burst_end_to_end_p50_ms']} ms in the burst",
        "Peak memory (MiB, one worker): "
        + ", ".join(
            f"{name} {entry['peak_rss_mib']}" for name, entry in one["peak_memory_mib"].items()
        ),
        f"written to {out}",
    ]
    return "\n".join(lines)


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]
