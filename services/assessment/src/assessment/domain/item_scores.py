"""Each answer to a 0-100 score, and how scores combine when some are missing."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from assessment.domain.questionnaire import Questionnaire
from assessment.domain.ruleset import ItemRule, Ruleset

LIKERT_MIN, LIKERT_MAX = 1, 5


def item_score(rule: ItemRule, ladder_rungs: int, value: Any) -> float:
    """The methodology's item scoring; `ladder_rungs` is the number of ladder options."""
    if rule.kind == "likert":
        score = (float(value) - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100
        return 100 - score if rule.reverse else score
    if rule.kind == "ladder":
        return float(value) / (ladder_rungs - 1) * 100
    if rule.kind == "piecewise":
        return piecewise(rule.points, value)
    scores = rule.scores or {}
    if rule.kind == "options":
        return scores[value]
    return min(rule.cap, math.fsum(scores[option] for option in value))


def piecewise(points: tuple[tuple[float, float], ...], x: float) -> float:
    """Linear between the points, flat beyond the first and the last."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def answer_score(
    item_id: str, answers: Mapping[str, Any], questionnaire: Questionnaire, ruleset: Ruleset
) -> float | None:
    """The item's score, or None when it is unanswered ("weiß nicht" or absent)."""
    value = answers.get(item_id)
    if value is None:
        return None
    rule = ruleset.item_rules[item_id]
    # Only a ladder needs its rungs; skipping the lookup otherwise saves time per answer.
    rungs = len(questionnaire.item(item_id).options) if rule.kind == "ladder" else 0
    return item_score(rule, rungs, value)


@dataclass(frozen=True)
class Combined:
    """A weighted mean over the answered parts and the share of weight behind it."""

    value: float | None  # None: no part answered
    confidence: float  # answered weight / total weight


def combine(parts: Iterable[tuple[float, float | None]]) -> Combined:
    """Missing parts re-weight the answered ones (never count as 0) and lower the confidence.

    `parts` are (weight, score or None) pairs; a part's score may itself be a Combined value.
    """
    # One pass into lists, then fsum: the same exact sums as before, with less overhead.
    weights, answered_weights, weighted = [], [], []
    for weight, score in parts:
        weights.append(weight)
        if score is not None:
            answered_weights.append(weight)
            weighted.append(weight * score)
    total = math.fsum(weights)
    answered_weight = math.fsum(answered_weights)
    if not answered_weights or answered_weight == 0:
        return Combined(value=None, confidence=0.0 if total else 1.0)
    return Combined(value=math.fsum(weighted) / answered_weight, confidence=answered_weight / total)


def weighted_confidence(parts: Iterable[tuple[float, float]]) -> float:
    """Share of total weight answered when each part is itself partly answered."""
    parts = list(parts)
    total = math.fsum(weight for weight, _ in parts)
    return math.fsum(weight * confidence for weight, confidence in parts) / total if total else 1.0


# Beyond these the float shortcut of round_half_up could be off; Decimal decides instead.
_FAST_SCALES = {0: 1.0, 1: 10.0, 2: 100.0, 3: 1000.0}  # digits -> 10^digits
_FAST_LIMIT = 1e9  # |value| · 10^digits: float error stays far below _NEAR_HALF
_NEAR_HALF = 1e-5  # wider than the 1e-9 noise quantize (scaled by 10^3) plus float error


def round_half_up(value: float, digits: int = 1) -> float:
    """Round as a reader of the report would: 54.35 -> 54.4 (ties away from zero).

    Rounding in floats is exact except near a tie, where binary noise (54.349999...)
    decides; only those values, and unusual digits or magnitudes, go to Decimal. The
    result is the same either way (test_rounding proves it over many values): for an
    integer n, n / 10^digits is the float nearest n·10^-digits, as float(Decimal) is.
    """
    scale = _FAST_SCALES.get(digits)
    if scale is not None:
        scaled = abs(value) * scale
        if scaled < _FAST_LIMIT:
            whole = math.floor(scaled)
            fraction = scaled - whole  # exact in binary for |scaled| < 2^52
            if abs(fraction - 0.5) > _NEAR_HALF:
                rounded = whole + 1 if fraction > 0.5 else whole
                return math.copysign(rounded / scale, value)
    return round_half_up_decimal(value, digits)


def round_half_up_decimal(value: float, digits: int = 1) -> float:
    """round_half_up in decimal arithmetic: the reference, and the case near a tie.

    Binary floats turn 54.35 into 54.349999...; the first quantize removes that noise.
    """
    exact = Decimal(repr(value)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, value))
