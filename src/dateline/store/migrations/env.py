"""Alembic environment: dateline passes its own connection in `config.attributes`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from dateline.store.tables import metadata

config = context.config
target_metadata = metadata


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    # render_as_batch: SQLite can only change a table by copying it; Alembic does that for us.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:  # the `alembic` command line, with sqlalchemy.url set in its ini file
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        run_migrations(conn)
