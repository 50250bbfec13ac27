"""What the result page shows: the class, the levels and charts of the scores, the link to
book the Transformationsgespräch and, once booked, when it takes place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessment.domain import Questionnaire, Ruleset
from assessment.domain.texts import Language
from assessment.entrypoints.pages.meeting_time import meeting_time
from assessment.entrypoints.pages.ui_texts import ui_text
from charts.matrix import MatrixTexts, matrix
from charts.radar import Series, radar
from eventing.schemas.assessment import measure_details as stored_measure_details
from wording.formatting import score

# Horizons that get their own words instead of the time-pressure flag's.
HORIZON_NOTES = {"unknown": "horizon_unknown", "call_off": "horizon_call_off"}


def result_context(
    outcome: Mapping[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
    language: Language,
    follow_up: Mapping[str, Any],
    *,
    booking_url: str,
    contract_horizon: str | None,
) -> dict[str, Any]:
    class_rule = ruleset.classes.rules[outcome["class"]]
    readiness_dims = [d.id for d in questionnaire.dimensions_of("readiness")]
    titles = {d.id: d.title.in_language(language) for d in questionnaire.dimensions}
    dimension_scores = outcome["readiness"]["dimensions"]
    scores = [(dimension_scores.get(d) or {}).get("score") for d in readiness_dims]
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
        "horizon_note": horizon_note(
            contract_horizon, time_pressure=outcome["flags"]["time_pressure"]
        ),
        "levels": levels,
        "measure_details": [
            measure_details(measure, outcome["recommendations"]["funding"], language)
            for measure in outcome["recommendations"]["measures"]
        ],
        "titles": titles,
        "readiness_dims": readiness_dims,
        "dimension_scores": dimension_scores,
        "matrix": matrix(
            exposure=outcome["exposure"]["score"],
            readiness=outcome["readiness"]["score"],
            exposure_from=ruleset.classes.exposure_from,
            readiness_from=ruleset.classes.readiness_from,
            own_class=outcome["class"],
            texts=MatrixTexts(
                title=ui_text(language, "matrix_title"),
                description=ui_text(
                    language,
                    "matrix_desc",
                    e=score_text(outcome["exposure"]["score"], language),
                    r=score_text(outcome["readiness"]["score"], language),
                    cls=outcome["class"],
                ),
                exposure=ui_text(language, "exposure_short"),
                readiness=ui_text(language, "readiness_short"),
            ),
        ),
        "radar": radar(
            [titles[d] for d in readiness_dims],
            [Series("own", ui_text(language, "radar_title"), scores)],
            title=ui_text(language, "radar_title"),
            description=" ".join(
                [ui_text(language, "radar_desc")]
                + [
                    f"{titles[d]}: {score_text(score, language)}."
                    for d, score in zip(readiness_dims, scores, strict=True)
                ]
            ),
        ),
        "booking_url": booking_url,
        "follow_up": follow_up,
        "meeting_time": meeting_time(follow_up["meeting"], language),
    }


def horizon_note(contract_horizon: str | None, *, time_pressure: bool) -> str | None:
    """The ui text on the contract horizon: an unknown or call-off horizon has its own words,
    so a result never says the contracts end soon when the firm did not say so."""
    if contract_horizon in HORIZON_NOTES:
        return HORIZON_NOTES[contract_horizon]
    return "time_pressure" if time_pressure else None


def score_text(value: float | None, language: Language) -> str:
    """A 0-100 score with one decimal, a decimal comma for German readers."""
    return ui_text(language, "no_score") if value is None else score(value, language)


def measure_details(
    measure: Mapping[str, Any], funding: Sequence[Mapping[str, Any]], language: Language
) -> str | None:
    parts = [
        ui_text(language, detail, value=value)
        for detail, value in stored_measure_details(measure, funding)
    ]
    return " · ".join(parts) or None
