"""Open a corpus database by URL: SQLite by default (WAL mode), PostgreSQL when shared."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///dateline.db"
ENV_VAR = "DATELINE_DB"


def database_url(value: str | None = None) -> str:
    """The URL to use: the value given, else $DATELINE_DB, else ./dateline.db.

    A bare path (`out/corpus.db`) means a SQLite file, so nobody has to remember the
    three slashes of `sqlite:///`.
    """
    value = value or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith(("postgresql://", "postgres://")):
        # SQLAlchemy's default PostgreSQL driver is psycopg2; we ship psycopg 3.
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine with the settings dateline relies on for each backend.

    `read_only` makes the database itself refuse writes on every connection (SQLite's
    query_only, PostgreSQL's read-only transactions): what `dateline serve` runs with.
    """
    url = database_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # A web server's threads each hold a connection: a reader pool as big as its
        # thread pool, so that requests queue for the CPU, not for a connection.
        pool = {"pool_size": 40, "max_overflow": 0} if read_only else {}
        engine = create_engine(url, connect_args={"timeout": 60}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        if read_only:
            event.listen(engine, "connect", _sqlite_query_only)
        return engine
    options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
    return create_engine(url, pool_pre_ping=True, connect_args=options)


def _sqlite_query_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL lets readers (Datasette, `dateline events`) work while an ingest writes;
    synchronous=NORMAL is still safe against a killed process; foreign keys are off by
    default in SQLite and must be switched on per connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
