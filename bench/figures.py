"""What every `make bench` part shares: percentiles, the printed verdicts, writing results."""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def percentiles(millis: Sequence[float]) -> dict[str, Any]:
    cuts = statistics.quantiles(millis, n=100, method="inclusive")
    return {
        "count": len(millis),
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(millis), 1),
    }


def describe_percentiles(figures: dict[str, Any]) -> str:
    return (
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms"
        + (f", {figures['missing']} MISSING" if figures.get("missing") else "")
    )


def verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def write_results(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
