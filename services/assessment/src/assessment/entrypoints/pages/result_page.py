"""What the result page shows: the class, the levels and charts of the scores, the link to
book the Transformationsgespräch and, once booked, when it takes place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessment.domain import Questionnaire, Ruleset
from assessment.domain.texts import Language
from assessment.entrypoints.pages import charts
from assessment.entrypoints.pages.meeting_time import meeting_time


def result_context(
    outcome: Mapping[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
    language: Language,
    follow_up: Mapping[str, Any],
    *,
    booking_url: str,
) -> dict[str, Any]:
    class_rule = ruleset.classes.rules[outcome["class"]]
    readiness_dims = [d.id for d in questionnaire.dimensions_of("readiness")]
    titles = {d.id: d.title.in_language(language) for d in questionnaire.dimensions}
    dimension_scores = outcome["readiness"]["dimensions"]
    levels = {
        "readiness": {
            lv.id: lv.name.in_language(language) for lv in ruleset.readiness_levels.levels
        },
        "exposure": {lv.id: lv.name.in_language(language) for lv in ruleset.exposure_levels.levels},
        "priority": {lv.id: lv.name.in_language(language) for lv in ruleset.priority.levels},
    }
    return {
        "outcome": outcome,
        "class_name": class_rule.name.in_language(language),
        "class_text": class_rule.text.in_language(language),
        "levels": levels,
        "titles": titles,
        "readiness_dims": readiness_dims,
        "dimension_scores": dimension_scores,
        "matrix": charts.matrix(
            outcome["exposure"]["score"],
            outcome["readiness"]["score"],
            ruleset.classes.exposure_from,
            ruleset.classes.readiness_from,
            outcome["class"],
        ),
        "radar": charts.radar(
            [titles[d] for d in readiness_dims],
            [(dimension_scores.get(d) or {}).get("score") for d in readiness_dims],
        ),
        "booking_url": booking_url,
        "follow_up": follow_up,
        "meeting_time": meeting_time(follow_up["meeting"], language),
    }
