"""Which funding facts the admins must check: programmes still offered and past their review
date, most overdue first; the same bounds as the assessment service's /metrics."""

from __future__ import annotations

from datetime import date

from notifications.domain.funding_reviews import FundingReview, due_for_review

OPEN_ENDED = FundingReview(
    "forschungszulage", "Forschungszulage", None, date(2026, 2, 28), date(2026, 12, 31)
)
ENDING = FundingReview("eew", "EEW", date(2027, 1, 10), date(2026, 2, 28), date(2026, 12, 31))
LATER = FundingReview("zim", "ZIM", date(2027, 12, 31), date(2026, 2, 28), date(2027, 3, 31))
ALSO_OPEN = FundingReview(
    "buergschaftsbank", "Bürgschaftsbank", None, date(2026, 2, 28), date(2026, 12, 31)
)


def _ids(today: date) -> list[tuple[str, int]]:
    due = due_for_review([LATER, OPEN_ENDED, ENDING, ALSO_OPEN], today)
    return [(item.review.programme_id, item.days_overdue) for item in due]


def test_nothing_is_due_on_the_review_day_itself() -> None:
    assert _ids(date(2026, 12, 31)) == []


def test_from_the_day_after_each_running_programme_is_due_by_name() -> None:
    assert _ids(date(2027, 1, 1)) == [
        ("buergschaftsbank", 1),
        ("eew", 1),
        ("forschungszulage", 1),
    ]


def test_a_programme_is_due_up_to_its_last_day_and_not_after() -> None:
    assert ("eew", 10) in _ids(date(2027, 1, 10))
    assert [programme for programme, _ in _ids(date(2027, 1, 11))] == [
        "buergschaftsbank",
        "forschungszulage",
    ]


def test_the_most_overdue_come_first() -> None:
    assert _ids(date(2027, 4, 2)) == [
        ("buergschaftsbank", 92),
        ("forschungszulage", 92),
        ("zim", 2),
    ]
