"""Alembic migrations, applied automatically: opening a store brings it to `head`."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
# PostgreSQL advisory lock key: one number for "dateline is migrating this database".
_LOCK_KEY = zlib.crc32(b"dateline.store.migrate")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply pending migrations (a no-op, and cheap, when the database is current).

    Several processes may open a new database at once (parallel ingests, a web server and
    a query): each migrates inside one locked transaction, and Alembic, reading the version
    inside the lock, finds nothing left to do in all but the first.
    """
    if revision == "head" and current(engine) == head():
        return
    with locked(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with locked(engine) as conn:
        command.downgrade(alembic_config(conn), revision)


@contextmanager
def locked(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database's migration lock, committed
    on exit: PostgreSQL's transaction-level advisory lock, SQLite's write lock taken
    up front (BEGIN IMMEDIATE; other processes wait up to the busy timeout)."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield conn
        return
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        # pysqlite would run DDL outside any transaction and begin lazily; take control.
        saved = driver.isolation_level  # type: ignore[union-attr]
        driver.isolation_level = None  # type: ignore[union-attr]
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            driver.isolation_level = saved  # type: ignore[union-attr]
