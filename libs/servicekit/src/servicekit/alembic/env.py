"""Alembic environment shared by every service; see servicekit.migrations."""

from __future__ import annotations

from alembic import context

from servicekit.db import make_engine

config = context.config
engine = make_engine(config.attributes["database_url"])
try:
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=config.attributes["target_metadata"],
            # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
            render_as_batch=True,
        )
        with context.begin_transaction():
            context.run_migrations()
finally:
    engine.dispose()
