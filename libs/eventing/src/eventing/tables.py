"""The tables every service keeps in its own database, beside its own tables: the outbox and
inbox, the erasure ledger, the link cut-offs and the request limits. The `eventing`
migration branch (eventing.migrations) creates them in each service's database.

An outbox row lives until the broker confirmed its event; then the relay deletes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)

from servicekit.db import UTCDateTime

metadata = MetaData()


def _event_columns() -> list[Column[Any]]:
    return [
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("topic", String(100), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("event_type", String(100), nullable=False),
        Column("version", Integer, nullable=False),
        Column("payload", Text, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text),
    ]


outbox = Table(
    "outbox",
    metadata,
    # The relay publishes in this order; SQLite only auto-increments a plain INTEGER key.
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    *_event_columns(),
)

# Events the broker can never take (larger than it accepts ...), moved out of the outbox
# for a person to deal with. Later events of their key wait in the outbox meanwhile, so
# consumers never see them out of order. Kept apart so that finding the held-back keys is
# a look at a table of a few rows, however large the outbox grows.
outbox_parked = Table(
    "outbox_parked",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    *_event_columns(),
    Column("parked_at", UTCDateTime, nullable=False),
    Index("ix_outbox_parked_message_key", "message_key"),
)

inbox = Table(
    "inbox",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("event_type", String(100), nullable=False),
    Column("processed_at", UTCDateTime, nullable=False),
)

# Companies and assessments erased: events about them that arrive later (late, replayed,
# restored) change nothing any more (privacy.erasure_ledger). Only random ids and times.
erasure_ledger = Table(
    "erasure_ledger",
    metadata,
    Column("subject_id", Uuid, primary_key=True),  # a company id or an assessment id
    Column("kind", String(20), nullable=False),
    Column("erasure_id", Uuid, nullable=False),
    Column("erased_at", UTCDateTime, nullable=False),
)

# Per company that revoked its signed links, the time from which its links count: an older
# link answers 403 (privacy.link_cutoffs). Only a random id and a time.
link_cutoffs = Table(
    "link_cutoffs",
    metadata,
    Column("company_id", Uuid, primary_key=True),
    Column("links_valid_from", UTCDateTime, nullable=False),
)

# Anonymous requests counted per client address and per recipient (servicekit.request_limits):
# a digest, how many in the window, when it ends. Nothing that names or reaches a person.
request_limits = Table(
    "request_limits",
    metadata,
    Column("limit_key", String(64), primary_key=True),
    Column("used", Integer, nullable=False),
    Column("window_ends", UTCDateTime, nullable=False, index=True),
)
