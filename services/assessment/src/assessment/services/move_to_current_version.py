"""A draft started before a questionnaire release either finishes on the version it started
with (scored by that version's ruleset, as every stored result names its version) or moves
to the current one, keeping every answer the new questionnaire still accepts.

Moving is offered only while the profile given at the start is still valid in the current
version: the profile cannot be changed later, and scoring needs its size and district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assessment.adapters.assessment_store import (
    AssessmentRecord,
    SqlAssessmentStore,
    profile_answers,
)
from assessment.adapters.tables import STATUS_DRAFT
from assessment.domain import load_current
from assessment.domain.version_change import answers_kept, profile_fits


@dataclass(frozen=True)
class VersionChoice:
    """What the draft pages tell a company whose draft is on an older version."""

    started_on: str
    current: str
    can_move: bool  # else only finishing, or a new check, is possible


def version_choice(record: AssessmentRecord) -> VersionChoice | None:
    """None while the draft is on the current version (or already submitted)."""
    current, _ = load_current()
    if record.status != STATUS_DRAFT or record.questionnaire_version == current.version:
        return None
    return VersionChoice(
        started_on=record.questionnaire_version,
        current=current.version,
        can_move=profile_fits(profile_answers(record.applicant), current),
    )


def move_to_current_version(
    store: SqlAssessmentStore, record: AssessmentRecord, now: datetime
) -> dict[str, Any] | None:
    """Move the draft and return the answers it keeps; None when nothing moved (submitted,
    already current, or the profile does not fit the current version)."""
    choice = version_choice(record)
    if choice is None or not choice.can_move:
        return None
    current, _ = load_current()
    return store.move_to_version(
        record.id, current.version, lambda answers: answers_kept(answers, current), now
    )
