"""The funding programmes' review dates of each ruleset, as `ruleset.published` carries them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from notifications.adapters.tables import funding_reviews
from notifications.adapters.vocabularies import version_order
from notifications.domain.funding_reviews import FundingReview


def record(session: Session, ruleset_version: str, reviews: Iterable[Mapping[str, Any]]) -> None:
    """Keep `ruleset_version`'s programmes; a later event about it replaces them all."""
    session.execute(
        delete(funding_reviews).where(funding_reviews.c.ruleset_version == ruleset_version)
    )
    rows = [
        {
            "ruleset_version": ruleset_version,
            "programme_id": review["id"],
            "name": review["name"],
            "ends_on": review["ends_on"],
            "verified_on": review["verified_on"],
            "review_by": review["review_by"],
        }
        for review in reviews
    ]
    if rows:
        session.execute(insert(funding_reviews), rows)


def of_newest_ruleset(connection: Connection) -> tuple[str | None, list[FundingReview]]:
    """The newest ruleset's programmes: the one new assessments are scored with."""
    versions = connection.execute(select(funding_reviews.c.ruleset_version).distinct()).scalars()
    newest = max(versions, key=version_order, default=None)
    if newest is None:
        return None, []
    rows = connection.execute(
        select(funding_reviews).where(funding_reviews.c.ruleset_version == newest)
    ).all()
    return newest, [
        FundingReview(row.programme_id, row.name, row.ends_on, row.verified_on, row.review_by)
        for row in rows
    ]
