"""Geometry of the result page's two inline SVG charts (no JavaScript): the 2-by-2 matrix of
exposure E over readiness R, and the radar of the readiness dimensions."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

MATRIX_SIZE = 260.0
MATRIX_MARGIN = 50.0
RADAR_WIDTH = 620.0
RADAR_HEIGHT = 420.0
RADAR_RADIUS = 120.0
RADAR_RINGS = (25, 50, 75, 100)
_LABEL_WIDTH = 20  # characters per line of an axis label


def _fmt(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class Quadrant:
    class_id: str
    x: str
    y: str
    width: str
    height: str
    label_x: str
    label_y: str
    own: bool


@dataclass(frozen=True)
class Matrix:
    size: str
    point_x: str
    point_y: str
    split_x: str
    split_y: str
    low: str
    high: str
    quadrants: tuple[Quadrant, ...]


def matrix(
    exposure: float, readiness: float, exposure_from: float, readiness_from: float, own: str
) -> Matrix:
    """E grows upwards, R to the right; A = exposed and not ready (top left), B = exposed
    and ready, C = neither, D = ready and not exposed."""
    low, high = MATRIX_MARGIN, MATRIX_MARGIN + MATRIX_SIZE

    def x_of(r: float) -> float:
        return low + max(0.0, min(100.0, r)) / 100 * MATRIX_SIZE

    def y_of(e: float) -> float:
        return high - max(0.0, min(100.0, e)) / 100 * MATRIX_SIZE

    split_x, split_y = x_of(readiness_from), y_of(exposure_from)
    boxes = {
        "A": (low, low, split_x, split_y),
        "B": (split_x, low, high, split_y),
        "C": (low, split_y, split_x, high),
        "D": (split_x, split_y, high, high),
    }
    quadrants = tuple(
        Quadrant(
            class_id=class_id,
            x=_fmt(x0),
            y=_fmt(y0),
            width=_fmt(x1 - x0),
            height=_fmt(y1 - y0),
            label_x=_fmt(x0 + 16),
            label_y=_fmt(y0 + 28),
            own=class_id == own,
        )
        for class_id, (x0, y0, x1, y1) in boxes.items()
    )
    return Matrix(
        size=_fmt(high + MATRIX_MARGIN / 2),
        point_x=_fmt(x_of(readiness)),
        point_y=_fmt(y_of(exposure)),
        split_x=_fmt(split_x),
        split_y=_fmt(split_y),
        low=_fmt(low),
        high=_fmt(high),
        quadrants=quadrants,
    )


@dataclass(frozen=True)
class Axis:
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Radar:
    width: str
    height: str
    center_x: str
    center_y: str
    axes: tuple[Axis, ...]
    rings: tuple[str, ...]  # polygon point lists of the grid
    shape: str  # polygon points of the scores
    dots: tuple[tuple[str, str], ...]


def radar(labels: list[str], scores: list[float | None]) -> Radar:
    """One axis per dimension clockwise from the top; a missing score sits at the centre."""
    cx, cy = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    count = len(labels)

    def at(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = RADAR_RADIUS * max(0.0, min(100.0, value)) / 100
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    def polygon(values: list[float]) -> str:
        return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (at(i, v) for i, v in enumerate(values)))

    axes = []
    for index, label in enumerate(labels):
        end_x, end_y = at(index, 100)
        label_x, label_y = at(index, 100 * (RADAR_RADIUS + 16) / RADAR_RADIUS)
        anchor = "middle" if abs(label_x - cx) < 1 else ("start" if label_x > cx else "end")
        lines = tuple(textwrap.wrap(label, _LABEL_WIDTH, break_long_words=False)) or ("",)
        if label_y < cy - 1:  # labels above the centre grow upwards
            label_y -= 18 * (len(lines) - 1)
        else:
            label_y += 12
        axes.append(Axis(_fmt(end_x), _fmt(end_y), _fmt(label_x), _fmt(label_y), anchor, lines))
    values = [score if score is not None else 0.0 for score in scores]
    return Radar(
        width=_fmt(RADAR_WIDTH),
        height=_fmt(RADAR_HEIGHT),
        center_x=_fmt(cx),
        center_y=_fmt(cy),
        axes=tuple(axes),
        rings=tuple(polygon([float(ring)] * count) for ring in RADAR_RINGS),
        shape=polygon(values),
        dots=tuple((_fmt(x), _fmt(y)) for x, y in (at(i, v) for i, v in enumerate(values))),
    )
