"""Readiness R: how able the company is to respond (higher = better).

R_d = weighted mean of the dimension's answered, visible items
R = 0.20·strategy + 0.20·innovation + 0.15·(digital + energy + workforce + finance)
A dimension without any answer re-weights R over the others.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from assessment.domain.item_scores import Combined, answer_score, combine, weighted_confidence
from assessment.domain.questionnaire import Questionnaire
from assessment.domain.ruleset import Ruleset


@dataclass(frozen=True)
class Readiness:
    score: float | None  # None: no readiness item answered at all
    dimensions: Mapping[str, Combined]
    confidence: float


def readiness(
    answers: Mapping[str, Any],
    visible: Collection[str],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> Readiness:
    """`answers` holds the answered visible items; hidden items count neither way."""
    rules = ruleset.readiness
    dimensions = {
        dimension: combine(
            (weight, answer_score(item_id, answers, questionnaire, ruleset))
            for item_id, weight in item_weights.items()
            if item_id in visible
        )
        for dimension, item_weights in rules.item_weights.items()
    }
    weights = rules.dimension_weights
    index = combine((weights[d], result.value) for d, result in dimensions.items())
    return Readiness(
        score=index.value,
        dimensions=dimensions,
        confidence=weighted_confidence(
            (weights[d], result.confidence) for d, result in dimensions.items()
        ),
    )
