"""The corpus version: a number every write to the corpus moves on, for caches to key on.

The writer bumps it as the last statement of each write transaction, so it becomes visible
together with the rows it stands for, and concurrent writers hold its row only for the moment
before they commit. A reader takes the version before it reads: a result computed from newer
rows than the version says is recomputed after the next bump, never served stale.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import SQLAlchemyError

from dateline.store import tables as t


def bump(conn: Connection) -> None:
    """Move the version on (inside the writer's transaction, after its last write)."""
    conn.execute(update(t.corpus_state).values(version=t.corpus_state.c.version + 1))


def current(conn: Connection) -> int | None:
    """The corpus version, or None when the database has none (then nothing is cached)."""
    try:
        return conn.execute(select(t.corpus_state.c.version)).scalar()
    except SQLAlchemyError:
        conn.rollback()
        return None
