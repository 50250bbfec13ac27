"""The radar of the readiness dimensions: one axis per dimension clockwise from the top,
0 at the centre, 100 at the rim; the company's scores, and where known the peers' median
and the target, as polygons."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

from charts.svg import number, svg, text

_WIDTH, _HEIGHT, _RADIUS = 600.0, 360.0, 115.0
_CX, _CY = _WIDTH / 2, 160.0
_RINGS = (25, 50, 75, 100)
_LABEL_WIDTH = 20  # characters per line of an axis label
_LEGEND_ROOM = 36.0  # below the lowest label; a single series needs no legend
_GRID = "#d0d0d0"

Kind = Literal["own", "peer", "target"]
# Colour, fill and dashes of each line; the company's own scores are the filled shape.
_STYLES: dict[str, tuple[str, str, str]] = {
    "own": ("#1f4e79", "#1f4e7933", ""),
    "peer": ("#7f7f7f", "none", "6 3"),
    "target": ("#2e8b57", "none", "2 3"),
}
_CLASSES = {"own": "shape", "peer": "peer", "target": "target"}


@dataclass(frozen=True)
class Series:
    kind: Kind
    name: str  # shown in the legend when there is more than one series
    values: Sequence[float | None]  # one per axis; None (not answered) is drawn at 0


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = _RADIUS * max(0.0, min(100.0, value)) / 100
    return _CX + distance * math.cos(angle), _CY + distance * math.sin(angle)


def _points(values: Sequence[float | None]) -> list[tuple[float, float]]:
    return [_point(i, len(values), value or 0.0) for i, value in enumerate(values)]


def _polygon(points: list[tuple[float, float]], attributes: str) -> str:
    listed = " ".join(f"{number(x)},{number(y)}" for x, y in points)
    return f'<polygon points="{listed}" {attributes}/>'


def _axis(index: int, count: int, label: str) -> str:
    end_x, end_y = _point(index, count, 100)
    label_x, label_y = _point(index, count, 100 * (_RADIUS + 14) / _RADIUS)
    anchor = "middle" if abs(label_x - _CX) < 10 else ("start" if label_x > _CX else "end")
    lines = textwrap.wrap(label, _LABEL_WIDTH, break_long_words=False) or [""]
    # Labels above the centre grow upwards, the others downwards, away from the rim.
    label_y += -12 * (len(lines) - 1) if label_y < _CY - 1 else 8
    spans = "".join(
        f'<tspan x="{number(label_x)}" dy="{0 if n == 0 else 12}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<line x1="{number(_CX)}" y1="{number(_CY)}" x2="{number(end_x)}" y2="{number(end_y)}" '
        f'class="spoke" stroke="{_GRID}"/>'
        f'<text x="{number(label_x)}" y="{number(label_y)}" class="axis-label" font-size="10" '
        f'text-anchor="{anchor}" fill="#222">{spans}</text>'
    )


def _legend(series: Sequence[Series]) -> str:
    """The company first, then what it is compared with."""
    parts = []
    for index, entry in enumerate(sorted(series, key=lambda s: list(_STYLES).index(s.kind))):
        colour, _, _ = _STYLES[entry.kind]
        x, y = 60 + index * 190, _HEIGHT - 12
        parts.append(
            f'<line x1="{number(x)}" y1="{number(y)}" x2="{number(x + 22)}" y2="{number(y)}" '
            f'stroke="{colour}" stroke-width="3"/>' + text(x + 28, y + 4, entry.name, size=9)
        )
    return "".join(parts)


def radar(
    labels: Sequence[str], series: Sequence[Series], *, title: str, description: str = ""
) -> Markup:
    """The series are drawn in the order given, the last on top; a legend names them (own,
    peer, target) when there is more than one. Every series has one value per label."""
    count = len(labels)
    parts = [
        _polygon(_points([float(ring)] * count), f'class="ring" fill="none" stroke="{_GRID}"')
        for ring in _RINGS
    ]
    parts += [_axis(index, count, label) for index, label in enumerate(labels)]
    for entry in series:
        colour, fill, dashes = _STYLES[entry.kind]
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        points = _points(entry.values)
        parts.append(
            _polygon(
                points,
                f'class="{_CLASSES[entry.kind]}" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2"{dash}',
            )
        )
        if entry.kind == "own":
            parts += [
                f'<circle cx="{number(x)}" cy="{number(y)}" r="3.5" class="dot" fill="{colour}"/>'
                for x, y in points
            ]
    height = _HEIGHT
    if len(series) > 1:
        parts.append(_legend(series))
    else:
        height -= _LEGEND_ROOM
    return svg("radar", _WIDTH, height, "".join(parts), title=title, description=description)
