"""The 2-by-2 matrix: exposure E upwards over readiness R to the right, split where the
ruleset's class thresholds lie, with the company as a point in its class."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from charts.svg import number, readable_on, svg, text, tint

CLASS_COLOURS = {"A": "#b3261e", "B": "#e8772e", "C": "#4a7ab5", "D": "#2e8b57"}
_PLOT = 220.0  # side of the square in SVG units
_LEFT, _TOP, _BOTTOM = 40.0, 10.0, 36.0


@dataclass(frozen=True)
class MatrixTexts:
    title: str
    description: str  # where the company stands, for readers who do not see the chart
    exposure: str  # the axis names
    readiness: str


def _x(readiness: float) -> float:
    return _LEFT + max(0.0, min(100.0, readiness)) / 100 * _PLOT


def _y(exposure: float) -> float:
    return _TOP + _PLOT - max(0.0, min(100.0, exposure)) / 100 * _PLOT


def matrix(
    *,
    exposure: float,
    readiness: float,
    exposure_from: float,
    readiness_from: float,
    own_class: str,
    texts: MatrixTexts,
) -> Markup:
    """A = exposed and not ready (top left), B = exposed and ready, C = neither,
    D = ready and not exposed; the own class is filled, the others are tinted."""
    low_x, high_x, low_y, high_y = _x(0), _x(100), _y(100), _y(0)
    split_x, split_y = _x(readiness_from), _y(exposure_from)
    boxes = {
        "A": (low_x, low_y, split_x, split_y),
        "B": (split_x, low_y, high_x, split_y),
        "C": (low_x, split_y, split_x, high_y),
        "D": (split_x, split_y, high_x, high_y),
    }
    parts = []
    for class_id, (x0, y0, x1, y1) in boxes.items():
        own = class_id == own_class
        parts.append(
            f'<rect x="{number(x0)}" y="{number(y0)}" width="{number(x1 - x0)}" '
            f'height="{number(y1 - y0)}" class="quadrant{" own" if own else ""}" '
            f'fill="{CLASS_COLOURS[class_id]}" fill-opacity="{0.85 if own else 0.18}" '
            'stroke="#fff" stroke-width="2"/>'
        )
        # The letter on its box: 20 bold is large text, which needs 3:1 (WCAG 1.4.3).
        colour = readable_on(tint(CLASS_COLOURS[class_id], 0.85 if own else 0.18))
        parts.append(
            text(
                x0 + 10,
                y0 + 24,
                class_id,
                kind="quadrant-label",
                size=20,
                weight="bold",
                fill=colour,
            )
        )
    parts.append(
        f'<line x1="{number(split_x)}" y1="{number(low_y)}" x2="{number(split_x)}" '
        f'y2="{number(high_y)}" class="split-line" stroke="#222" stroke-dasharray="4 3"/>'
        f'<line x1="{number(low_x)}" y1="{number(split_y)}" x2="{number(high_x)}" '
        f'y2="{number(split_y)}" class="split-line" stroke="#222" stroke-dasharray="4 3"/>'
    )
    for value in sorted({0.0, readiness_from, 100.0}):
        parts.append(text(_x(value), high_y + 12, f"{value:g}", size=8, anchor="middle"))
    for value in sorted({0.0, exposure_from, 100.0}):
        parts.append(text(low_x - 4, _y(value) + 3, f"{value:g}", size=8, anchor="end"))
    parts.append(
        text((low_x + high_x) / 2, high_y + 28, f"{texts.readiness} →", anchor="middle")
        + f'<g transform="translate(14 {number((low_y + high_y) / 2)}) rotate(-90)">'
        + text(0, 0, f"{texts.exposure} →", anchor="middle")
        + "</g>"
    )
    parts.append(
        f'<circle cx="{number(_x(readiness))}" cy="{number(_y(exposure))}" r="7" '
        'class="point" fill="#111" stroke="#fff" stroke-width="2"/>'
    )
    return svg(
        "matrix",
        high_x + 10,
        high_y + _BOTTOM,
        "".join(parts),
        title=texts.title,
        description=texts.description,
    )
