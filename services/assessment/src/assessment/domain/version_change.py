"""What of a draft survives when it moves to a newer questionnaire: every answer whose
question still exists there and whose value that question still accepts. The rest is asked
again; an answer the new version would refuse must not reach its scoring."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessment.domain.answers import check_value
from assessment.domain.questionnaire import Questionnaire


def answers_kept(answers: Mapping[str, Any], newer: Questionnaire) -> dict[str, Any]:
    return {
        item_id: value
        for item_id, value in answers.items()
        if newer.has_item(item_id) and not check_value(newer.item(item_id), value)
    }


def profile_fits(profile: Mapping[str, Any], newer: Questionnaire) -> bool:
    """Whether the company's profile, given once at the start, is still a valid answer in
    the newer questionnaire (a changed band would leave scoring without a size)."""
    return all(
        newer.has_item(item_id) and not check_value(newer.item(item_id), value)
        for item_id, value in profile.items()
    )
