"""Which funding programmes' facts are due for a check: still offered (not past their end)
and past the date by which someone must check them again. The assessment service still shows
such a programme, marked "Stand: <verified_on>"; the cluster's admins get the list, most
overdue first, so the data behind the advice is checked before it goes stale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FundingReview:
    programme_id: str
    name: str
    ends_on: date | None  # None: open-ended
    verified_on: date
    review_by: date


@dataclass(frozen=True)
class DueReview:
    review: FundingReview
    days_overdue: int


def due_for_review(reviews: Iterable[FundingReview], today: date) -> list[DueReview]:
    """The same rule the assessment service's /metrics counts by: overdue from the day after
    `review_by`; an ended programme is no longer offered, so its facts need no check."""
    due = [
        DueReview(review, (today - review.review_by).days)
        for review in reviews
        if today > review.review_by and (review.ends_on is None or today <= review.ends_on)
    ]
    return sorted(due, key=lambda item: (-item.days_overdue, item.review.name))
