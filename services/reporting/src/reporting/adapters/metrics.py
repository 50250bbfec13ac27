"""The reporting worker's own Prometheus metrics (served on its METRICS_PORT)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

RENDER_SECONDS = Histogram(
    "wegweiser_report_render_seconds",
    "Time to render one PDF report (successful attempts).",
    buckets=(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0),
)
REPORTS = Counter(
    "wegweiser_reports_total",
    "Reports finished, by outcome.",
    ["outcome"],  # generated | failed
)
