"""Open a corpus database by URL: SQLite by default (WAL mode), PostgreSQL when shared."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

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


class DatabaseError(Exception):
    """A database that cannot be used as asked; the message is one line for the user."""


def check_url(url: str) -> str:
    """The URL itself, if it names a backend dateline works with; else DatabaseError."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseError(f"not a database URL or path: {url!r}") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"unsupported database {parsed.get_backend_name()!r} in {url!r}: "
            "give a SQLite path or a postgresql:// URL"
        )
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other backends and for in-memory databases)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def has_schema(engine: Engine) -> bool:
    """Whether the database holds a dateline corpus (its migrations table)."""
    with engine.connect() as conn:
        return inspect(conn).has_table("alembic_version")


def describe_failure(url: str | None, exc: BaseException) -> str:
    """One line for a database that could not be opened, naming the server or the file."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = reason[0] if reason else exc.__class__.__name__
    try:
        parsed = make_url(database_url(url))
    except (ArgumentError, ValueError):
        return f"cannot open database {url!r}: {reason}"
    if parsed.get_backend_name() == "postgresql":
        where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
        return f"cannot connect to PostgreSQL at {where} (database {parsed.database}): {reason}"
    return f"cannot open SQLite database {parsed.database}: {reason}"


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine with the settings dateline relies on for each backend.

    `read_only` makes the database itself refuse writes on every connection (SQLite's
    query_only, PostgreSQL's read-only transactions): what `dateline serve` runs with.
    """
    url = check_url(database_url(url))
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # A web server's threads each hold a connection: a reader pool as big as its
        # thread pool, so that requests queue for the CPU, not for a connection.
        pool = {"pool_size": 40, "max_overflow": 0} if read_only else {}
        engine = create_engine(
            url, connect_args={"timeout": 60}, json_deserializer=_json_loads, **pool
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        if read_only:
            event.listen(engine, "connect", _sqlite_query_only)
        return engine
    options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
    return create_engine(url, pool_pre_ping=True, connect_args=options)


def _json_loads(value: str) -> Any:
    """json.loads, answering the cells most JSON columns hold (null, an empty list) without
    parsing them: one article's rows hold hundreds, read back for every article page."""
    if value == "null":
        return None
    if value == "[]":
        return []
    return json.loads(value)


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
