"""Bars: the company's revenue split by how hard the end of the combustion engine hits each
part, and a single 0-100 score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from charts.svg import number, readable_on, svg, text

# By a segment's rank from the most exposed class to growth, so the colours run from danger
# to opportunity without this module knowing the ruleset's class names. Each carries its share
# in white or ink at 4.5:1 at least (WCAG 1.4.3), hence the green darker than the radar's.
SEGMENT_COLOURS = ("#b3261e", "#e8772e", "#f2c14e", "#8fa3b8", "#277f4f", "#1b6e6a")
_OTHER = "#999999"
_LEGEND_COLUMNS = 2  # room for a class name of thirty characters and its share


@dataclass(frozen=True)
class Segment:
    label: str
    share: float  # percent of revenue
    rank: int  # the class's place in the ruleset's order, most exposed first (0)


def _colour(rank: int) -> str:
    return SEGMENT_COLOURS[rank] if 0 <= rank < len(SEGMENT_COLOURS) else _OTHER


def revenue_bar(segments: Sequence[Segment], *, title: str) -> Markup:
    """One bar of 100 % revenue, with a legend under it; the segments are drawn in the order
    given (most exposed on the left) and coloured by their rank, so a class keeps its colour
    whether or not the classes before it have a share."""
    width, height = 480.0, 34.0
    parts, x = [], 0.0
    for segment in segments:
        length = segment.share / 100 * width
        parts.append(
            f'<rect x="{number(x)}" y="0" width="{number(length)}" height="{number(height)}" '
            f'class="segment" fill="{_colour(segment.rank)}"/>'
        )
        if length > 30:
            share = f"{segment.share:.0f} %"
            fill = readable_on(_colour(segment.rank))
            parts.append(text(x + length / 2, 21, share, anchor="middle", fill=fill))
        x += length
    for index, segment in enumerate(segments):
        row, column = divmod(index, _LEGEND_COLUMNS)
        lx, ly = column * width / _LEGEND_COLUMNS, height + 18 + row * 16
        parts.append(
            f'<rect x="{number(lx)}" y="{number(ly - 9)}" width="10" height="10" '
            f'fill="{_colour(segment.rank)}"/>'
            + text(lx + 14, ly, f"{segment.label} ({segment.share:.0f} %)", size=9)
        )
    rows = -(-len(segments) // _LEGEND_COLUMNS)
    return svg("revenue-bar", width, height + 14 + rows * 16, "".join(parts), title=title)
