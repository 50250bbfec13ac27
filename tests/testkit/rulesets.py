"""The notifications database as it is once `assessment-migrate` published its ruleset:
the desk and the mails name things in that ruleset's words."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eventing.codec import decode
from eventing.examples import all_examples
from notifications.services.record_ruleset_words import record_ruleset_words
from servicekit.db import make_engine


def ruleset_received(database_url: str) -> None:
    """Handle the contract's `ruleset.published` example as notifications' worker does."""
    [example] = [e for e in all_examples() if e.name.startswith("ruleset.published.v1.")]
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            record_ruleset_words(session, decode(example.raw))
    finally:
        engine.dispose()
