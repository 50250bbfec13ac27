"""The report's charts: its model handed to the one chart package the result page uses too,
so page and PDF draw the same matrix and radar."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from charts.bars import Segment, revenue_bar
from charts.matrix import MatrixTexts, matrix
from charts.radar import Series, radar
from reporting.domain.report_model import BarSegment, RadarAxis, Summary

# An event without a vocabulary names no thresholds; the matrix is then split in the middle.
_MIDDLE = 50.0

__all__ = ["matrix_chart", "radar_chart", "revenue_chart", "score_bar"]


def matrix_chart(summary: Summary, exposure_label: str, readiness_label: str) -> Markup:
    return matrix(
        exposure=summary.exposure.value or 0.0,
        readiness=summary.readiness.value or 0.0,
        exposure_from=_MIDDLE if summary.exposure_from is None else summary.exposure_from,
        readiness_from=_MIDDLE if summary.readiness_from is None else summary.readiness_from,
        own_class=summary.class_id,
        texts=MatrixTexts(summary.class_title, "", exposure_label, readiness_label),
    )


def radar_chart(axes: Sequence[RadarAxis], legend: tuple[str, str, str], title: str) -> Markup:
    """The target, the peers' median where every field has one, the company's own on top."""
    own, peers, target = legend
    series = [Series("target", target, [axis.target for axis in axes])]
    if all(axis.peer is not None for axis in axes):
        series.append(Series("peer", peers, [axis.peer for axis in axes]))
    series.append(Series("own", own, [axis.own for axis in axes]))
    return radar([axis.label for axis in axes], series, title=title)


def revenue_chart(segments: Sequence[BarSegment], title: str) -> Markup:
    # The title is the figure's alternative text in the tagged PDF, and no table repeats the
    # shares: it names them as the legend does.
    shares = "; ".join(f"{s.label} ({s.share:.0f} %)" for s in segments)
    return revenue_bar(
        [Segment(s.label, s.share, s.rank) for s in segments],
        title=f"{title}: {shares}" if shares else title,
    )


def score_bar(value: float | None) -> Markup:
    """A 0-100 score as a bar of CSS backgrounds, empty when not answered. Backgrounds are
    artifacts in the tagged PDF, so a screen reader skips the bar and reads the number in the
    next cell; as an SVG it was a figure repeating that number (or one without a text)."""
    width = 0.0 if value is None else max(0.0, min(100.0, value))
    # Safe: a number formatted here.
    return Markup(f'<div class="score-bar"><div style="width: {width:.1f}%"></div></div>')  # noqa: S704
