"""What the result page shows: the class, the levels and charts of the scores, the link to
book the Transformationsgespräch and, once booked, when it takes place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import gettext

from assessment.domain import Questionnaire, Ruleset
from assessment.entrypoints.pages.meeting_time import meeting_time
from assessment.entrypoints.pages.ui_texts import HORIZON_NOTES, MEASURE_DETAILS, MEASURE_HORIZONS
from charts.matrix import MatrixTexts, matrix
from charts.radar import Series, radar
from eventing.schemas.assessment import measure_details as stored_measure_details
from servicekit.languages import current_language
from wording.formatting import score
from wording.languages import Language

# Horizons that get their own words instead of the time-pressure flag's.
OWN_HORIZON_NOTES = {"unknown": "horizon_unknown", "call_off": "horizon_call_off"}


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
    note = horizon_note(contract_horizon, time_pressure=outcome["flags"]["time_pressure"])
    readiness_dims = [d.id for d in questionnaire.dimensions_of("readiness")]
    titles = {d.id: d.title.in_language(language) for d in questionnaire.dimensions}
    dimension_scores = outcome["readiness"]["dimensions"]
    radar_title = gettext("Readiness by field of action")
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
        "horizon_note": None if note is None else HORIZON_NOTES[note],
        "measure_horizons": MEASURE_HORIZONS,
        "levels": levels,
        "measure_details": [
            measure_details(measure, outcome["recommendations"]["funding"])
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
                title=gettext("Your position in the matrix"),
                description=gettext(
                    "Exposure %(exposure)s of 100 (vertical), readiness %(readiness)s of 100 "
                    "(horizontal): class %(klass)s.",
                    exposure=score_text(outcome["exposure"]["score"]),
                    readiness=score_text(outcome["readiness"]["score"]),
                    klass=outcome["class"],
                ),
                exposure=gettext("Exposure"),
                readiness=gettext("Readiness"),
            ),
        ),
        "radar": radar(
            [titles[d] for d in readiness_dims],
            [Series("own", radar_title, scores)],
            title=radar_title,
            description=" ".join(
                [gettext("Radar chart of the six fields of action, each 0 to 100:")]
                + [
                    f"{titles[d]}: {score_text(score)}."
                    for d, score in zip(readiness_dims, scores, strict=True)
                ]
            ),
        ),
        "booking_url": booking_url,
        "follow_up": follow_up,
        "meeting_time": meeting_time(follow_up["meeting"], language),
    }


def horizon_note(contract_horizon: str | None, *, time_pressure: bool) -> str | None:
    """The note on the contract horizon (a key of HORIZON_NOTES): an unknown or call-off
    horizon has its own words, so a result never says the contracts end soon when the firm
    did not say so."""
    if contract_horizon in OWN_HORIZON_NOTES:
        return OWN_HORIZON_NOTES[contract_horizon]
    return "time_pressure" if time_pressure else None


def score_text(value: float | None) -> str:
    """A 0-100 score with one decimal, a decimal comma for German and Dutch readers."""
    return gettext("no answer") if value is None else score(value, current_language())


def measure_details(measure: Mapping[str, Any], funding: Sequence[Mapping[str, Any]]) -> str | None:
    details = stored_measure_details(measure, funding)
    parts = [MEASURE_DETAILS[detail](value) for detail, value in details]
    return " · ".join(parts) or None
