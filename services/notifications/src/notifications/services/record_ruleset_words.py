"""`ruleset.published`: keep the ruleset's words, so the desk names an advisor's topics and
districts, and mails name classes and levels, before any assessment scored with it arrives."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eventing.envelope import Envelope
from notifications.adapters import vocabularies


def record_ruleset_words(session: Session, event: Envelope) -> None:
    vocabularies.record(session, event.data["ruleset_version"], event.data["vocabulary"])
