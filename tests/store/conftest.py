"""Storage tests run against every backend: SQLite always, PostgreSQL when a server is given.

`make test` starts a throwaway PostgreSQL (scripts/pg-test-server) and exports
DATELINE_TEST_PG_URL; each test gets a fresh database on it. Set DATELINE_REQUIRE_PG=1 to
make a missing server an error instead of a skip (the Makefile does).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "DATELINE_TEST_PG_URL"


def _postgres_database():  # type: ignore[no-untyped-def]
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        if os.environ.get("DATELINE_REQUIRE_PG"):
            pytest.fail(f"{PG_ENV} is not set: start scripts/pg-test-server first")
        pytest.skip(f"no PostgreSQL server ({PG_ENV} not set)")
    from dateline.store.engine import database_url

    admin_url = database_url(admin_url)
    name = f"dateline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A URL to an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def store(db_url):  # type: ignore[no-untyped-def]
    from dateline.store import open_store

    s = open_store(db_url)
    yield s
    s.close()
