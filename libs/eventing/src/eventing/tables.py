"""The outbox and inbox tables, added to every service's own database by its migrations.

An outbox row lives until the broker confirmed its event (then the relay deletes it), or
until a person deals with it once it is parked.
"""

from __future__ import annotations

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

outbox = Table(
    "outbox",
    metadata,
    # The relay publishes in this order; SQLite only auto-increments a plain INTEGER key.
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("event_id", Uuid, nullable=False, unique=True),
    Column("topic", String(100), nullable=False),
    Column("message_key", String(200), nullable=False),
    Column("event_type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    # Set when a row can never be published (e.g. larger than the broker accepts); later
    # rows with the same key are held back so consumers never see them out of order.
    Column("parked_at", UTCDateTime),
)
# Finds the few parked rows (and so the keys to hold back) without reading event bodies.
Index(
    "ix_outbox_parked",
    outbox.c.message_key,
    postgresql_where=outbox.c.parked_at.is_not(None),
    sqlite_where=outbox.c.parked_at.is_not(None),
)

inbox = Table(
    "inbox",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("event_type", String(100), nullable=False),
    Column("processed_at", UTCDateTime, nullable=False),
)
