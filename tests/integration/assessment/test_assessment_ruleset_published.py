"""`assessment-migrate` announces each packaged ruleset's words as `ruleset.published`, with
an id that follows from the version and without a second row while the first waits."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select

from assessment.domain.catalogue_loader import available_versions
from assessment.entrypoints.cli import processes
from eventing.codec import decode
from eventing.tables import outbox


def _published(engine: Engine) -> list:
    query = select(outbox.c.payload).where(outbox.c.event_type == "ruleset.published")
    with engine.connect() as connection:
        return [decode(row.payload.encode()) for row in connection.execute(query)]


def test_the_migration_publishes_every_ruleset_once_while_it_waits(migrated: str, engine: Engine):
    first = _published(engine)
    processes.migrate()

    again = _published(engine)

    assert [e.data["ruleset_version"] for e in first] == list(available_versions())
    assert [e.event_id for e in again] == [e.event_id for e in first]
    assert first[0].data["vocabulary"]["classes"][0]["id"] == "A"


def test_after_the_relay_sent_it_a_later_migration_repeats_it_under_the_same_id(
    migrated: str, engine: Engine
):
    sent = _published(engine)
    with engine.begin() as connection:
        connection.execute(delete(outbox))  # as the relay does once the broker confirmed

    processes.migrate()

    assert len(sent) == len(available_versions()) == 2
    assert [e.event_id for e in _published(engine)] == [e.event_id for e in sent]
