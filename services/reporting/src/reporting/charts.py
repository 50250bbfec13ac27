"""The report's charts as inline SVG: the A-D matrix, the revenue bar and the readiness radar.

Made here rather than by a chart library so they need no JavaScript, no fonts of their own
and no files: WeasyPrint draws them as vectors in the report's bundled font. Every text put
into the SVG is escaped; the numbers are the service's own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from reporting.domain.report import BarSegment, RadarAxis, Summary

CLASS_COLOURS = {"A": "#b3261e", "B": "#e8772e", "C": "#4a7ab5", "D": "#2e8b57"}
# Keyed by the ruleset's exposure classes of revenue categories; one it adds later is grey.
EXPOSURE_COLOURS = {
    "ice_specific": "#b3261e",
    "high_medium": "#e8772e",
    "transition": "#f2c14e",
    "neutral": "#8fa3b8",
    "growth": "#2e8b57",
    "non_automotive": "#5b8c6e",
}
OWN, PEER, TARGET = "#1f4e79", "#7f7f7f", "#2e8b57"


def _svg(width: int, height: int, body: str, title: str) -> Markup:
    # Safe: the body is built here from numbers and escaped texts only.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _text(x: float, y: float, text: str, *, size: int = 10, anchor: str = "start",
          weight: str = "normal", fill: str = "#222") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def matrix_chart(summary: Summary, exposure_label: str, readiness_label: str) -> Markup:
    """Exposure (up) against readiness (right), split at the ruleset's class thresholds into
    the classes A-D (in the middle, unlabelled, for an event that names no thresholds)."""
    size, left, top = 220, 34, 10
    split_x = size * (0.5 if summary.readiness_from is None else summary.readiness_from / 100)
    split_y = size * (0.5 if summary.exposure_from is None else 1 - summary.exposure_from / 100)
    quadrants = {
        "A": (0, 0, split_x, split_y),
        "B": (split_x, 0, size - split_x, split_y),
        "C": (0, split_y, split_x, size - split_y),
        "D": (split_x, split_y, size - split_x, size - split_y),
    }
    parts = []
    for name, (dx, dy, width, height) in quadrants.items():
        x, y = left + dx, top + dy
        active = name == summary.class_id
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{CLASS_COLOURS[name]}" fill-opacity="{0.85 if active else 0.18}" '
            'stroke="#fff" stroke-width="2"/>'
        )
        colour = "#fff" if active else CLASS_COLOURS[name]
        parts.append(_text(x + 10, y + 24, name, size=20, weight="bold", fill=colour))
    exposure, readiness = summary.exposure.value or 0, summary.readiness.value or 0
    dot_x = left + readiness / 100 * size
    dot_y = top + (1 - exposure / 100) * size
    parts.append(
        f'<circle cx="{dot_x:.1f}" cy="{dot_y:.1f}" r="7" fill="#111" stroke="#fff" '
        'stroke-width="2"/>'
    )
    parts.append(_text(left + size / 2, top + size + 24, readiness_label + " →", anchor="middle"))
    parts.append(
        f'<g transform="translate(14 {top + size / 2}) rotate(-90)">'
        + _text(0, 0, exposure_label + " →", anchor="middle")
        + "</g>"
    )
    ticks_x: list[tuple[float, float]] = [(0.0, left), (100.0, left + size)]
    ticks_y: list[tuple[float, float]] = [(100.0, top + 4), (0.0, top + size)]
    if summary.readiness_from is not None and summary.exposure_from is not None:
        ticks_x.insert(1, (summary.readiness_from, left + split_x))
        ticks_y.insert(1, (summary.exposure_from, top + split_y + 3))
    for value, x in ticks_x:
        parts.append(_text(x, top + size + 12, f"{value:g}", size=8, anchor="middle"))
    for value, y in ticks_y:
        parts.append(_text(left - 4, y, f"{value:g}", size=8, anchor="end"))
    return _svg(left + size + 10, top + size + 34, "".join(parts), summary.class_id)


def revenue_bar(segments: Sequence[BarSegment], title: str) -> Markup:
    """One bar of 100 % revenue, split by exposure class, with a legend under it."""
    width, bar_height = 480, 34
    parts, x = [], 0.0
    for segment in segments:
        length = segment.share / 100 * width
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{length:.1f}" height="{bar_height}" '
            f'fill="{EXPOSURE_COLOURS.get(segment.exposure_class, "#999")}"/>'
        )
        if length > 30:
            parts.append(
                _text(x + length / 2, 21, f"{segment.share:.0f} %", anchor="middle", fill="#fff")
            )
        x += length
    for index, segment in enumerate(segments):
        row, column = divmod(index, 3)
        lx, ly = column * 160, bar_height + 18 + row * 16
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" '
            f'fill="{EXPOSURE_COLOURS.get(segment.exposure_class, "#999")}"/>'
        )
        parts.append(_text(lx + 14, ly, f"{segment.label} ({segment.share:.0f} %)", size=9))
    rows = (len(segments) + 2) // 3
    return _svg(width, bar_height + 14 + rows * 16, "".join(parts), title)


def radar_chart(axes: Sequence[RadarAxis], legend: tuple[str, str, str], title: str) -> Markup:
    """Own scores, the peers' median and the target on one radar of 0-100 axes.

    `legend` names own, peer and target; a peer line appears only where medians exist,
    and a field left unanswered is drawn at 0 (its table row says "not answered").
    """
    width, height, radius = 600, 330, 115
    cx, cy = width / 2, 150

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(axes)
        distance = radius * value / 100
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    def polygon(
        values: Sequence[float], colour: str, fill: str, dash: str = "", width: float = 2
    ) -> str:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in map(point, range(len(values)), values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polygon points="{points}" fill="{fill}" stroke="{colour}" '
            f'stroke-width="{width}"{dashes}/>'
        )

    parts = []
    for ring in (25, 50, 75, 100):
        parts.append(polygon([ring] * len(axes), "#d0d0d0", "none", width=0.7))
    for index, axis in enumerate(axes):
        x, y = point(index, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(_text(lx, ly + 4, axis.label, size=9, anchor=anchor))
    parts.append(polygon([axis.target for axis in axes], TARGET, "none", "2 3"))
    own_name, peer_name, target_name = legend
    lines = [(own_name, OWN), (target_name, TARGET)]
    if all(axis.peer is not None for axis in axes):
        parts.append(polygon([axis.peer or 0 for axis in axes], PEER, "none", "6 3"))
        lines.insert(1, (peer_name, PEER))
    parts.append(polygon([axis.own or 0 for axis in axes], OWN, OWN + "33"))
    for index, (name, colour) in enumerate(lines):
        lx = 60 + index * 190
        parts.append(
            f'<line x1="{lx}" y1="{height - 12}" x2="{lx + 22}" y2="{height - 12}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(_text(lx + 28, height - 8, name, size=9))
    return _svg(width, height, "".join(parts), title)


def score_bar(value: float | None) -> Markup:
    """A 0-100 score as a short horizontal bar (empty when not answered)."""
    width, height = 200, 10
    filled = 0 if value is None else value / 100 * width
    body = (
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#e6e6e6"/>'
        f'<rect x="0" y="0" width="{filled:.1f}" height="{height}" fill="{OWN}"/>'
    )
    return _svg(width, height, body, "" if value is None else f"{value:.0f}")
