"""The rulesets' words as this service received them, by ruleset version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from eventing.vocabulary import Vocabulary
from notifications.adapters.tables import vocabularies
from servicekit.db import dialect_insert


def record(session: Session, ruleset_version: str, vocabulary: Mapping[str, Any]) -> None:
    """Keep the words of `ruleset_version`; a later event about it replaces them."""
    statement = dialect_insert(session, vocabularies).values(
        ruleset_version=ruleset_version, vocabulary=dict(vocabulary)
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[vocabularies.c.ruleset_version],
            set_={"vocabulary": statement.excluded.vocabulary},
        )
    )


def of_ruleset(db: Session | Connection, ruleset_version: str | None) -> Vocabulary:
    """The words an assessment is named in: its ruleset's, else the newest ruleset's (an
    assessment recorded before versions were kept), else none (ids are shown)."""
    if ruleset_version is not None:
        found = db.execute(
            select(vocabularies.c.vocabulary).where(
                vocabularies.c.ruleset_version == ruleset_version
            )
        ).scalar()
        if found is not None:
            return Vocabulary.of(found)
    return newest(db)


def newest(db: Session | Connection) -> Vocabulary:
    """The newest ruleset's words, for what belongs to no assessment (an advisor's topics
    and districts); the empty vocabulary before any ruleset was published."""
    rows = db.execute(select(vocabularies.c.ruleset_version, vocabularies.c.vocabulary)).all()
    if not rows:
        return Vocabulary.of(None)
    return Vocabulary.of(max(rows, key=lambda row: version_order(row.ruleset_version)).vocabulary)


def version_order(version: str) -> tuple[int, ...]:
    # "2026.10" is newer than "2026.9"; a version not in that form sorts first.
    parts = version.split(".")
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else ()
