"""`ruleset.published`: keep the ruleset's words, so the desk names an advisor's topics and
districts, and mails name classes and levels, before any assessment scored with it arrives;
and its funding programmes' review dates, for the admins' list of facts due for a check."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eventing.envelope import Envelope
from notifications.adapters import funding_reviews, vocabularies


def record_ruleset_words(session: Session, event: Envelope) -> None:
    version = event.data["ruleset_version"]
    vocabularies.record(session, version, event.data["vocabulary"])
    if "funding_reviews" in event.data:  # absent in events of the first v1
        funding_reviews.record(session, version, event.data["funding_reviews"])
