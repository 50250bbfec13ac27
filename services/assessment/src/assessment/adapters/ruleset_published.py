"""`ruleset.published`: the words of every packaged ruleset, written to the outbox by
`assessment-migrate`, so readers can name classes, levels, dimensions and districts before
the first assessment is scored with it (e.g. the topics an advisor covers).

Idempotent, as the migration runs on every deploy: the event id follows from the version,
a row still waiting in the outbox is not added again, and readers keep the vocabulary by
version, so one relayed again after a later deploy only writes the same words once more.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from assessment.adapters.scored_event import vocabulary_part
from assessment.domain.catalogue_loader import available_versions, load_version
from eventing.envelope import Envelope, new_envelope
from eventing.outbox import add_to_outbox
from eventing.tables import outbox

PRODUCER = "assessment"
_EVENT_IDS = uuid.UUID("5b0f3c1e-8f57-4d1c-9a43-6f1f0c7b2e21")  # uuid5 namespace of its ids


def publish_rulesets(engine: Engine) -> None:
    with engine.begin() as connection:
        for version in available_versions():
            event = ruleset_published(version, datetime.now(UTC))
            if not _waiting(connection, event.event_id):
                add_to_outbox(connection, event)


def ruleset_published(version: str, now: datetime) -> Envelope:
    questionnaire, ruleset = load_version(version)
    event = new_envelope(
        "ruleset.published",
        1,
        {
            "ruleset_version": ruleset.version,
            "questionnaire_version": questionnaire.version,
            "published_at": now,
            "vocabulary": vocabulary_part(questionnaire, ruleset),
            "funding_reviews": [
                {
                    "id": programme.id,
                    "name": programme.name.in_language("de"),  # the desk is German
                    "ends_on": programme.ends_on,
                    "verified_on": programme.verified_on,
                    "review_by": programme.review_by,
                }
                for programme in ruleset.catalogue.funding
            ],
        },
        producer=PRODUCER,
        correlation_id=f"ruleset-{version}",
    )
    return dataclasses.replace(event, event_id=uuid.uuid5(_EVENT_IDS, version))


def _waiting(connection: Connection, event_id: uuid.UUID) -> bool:
    found = connection.execute(select(outbox.c.event_id).where(outbox.c.event_id == event_id))
    return found.first() is not None
