"""Migration 0001 -> 0002 on SQLite and PostgreSQL: a corpus stored at revision 0001 keeps
every row and value, and the fields it kept in `extra` move to their own columns.

`tests/fixtures/store_0001.json` holds the rows that `dateline ingest examples/` wrote at
revision 0001 (commit f397972) and the records that store gave back then; the test loads
those rows into a database migrated to 0001 only.
"""

from __future__ import annotations

import copy
import json

from sqlalchemy import Engine, MetaData, select

from dateline.schema import Article
from dateline.store import Extracted, migrate, open_store
from dateline.store import tables as t
from dateline.store.engine import make_engine
from dateline.store.writer import count_rows
from tests.conftest import FIXTURES
from tests.store.samples import sample_article

FIXTURE = json.loads((FIXTURES / "store_0001.json").read_text(encoding="utf-8"))
TABLES = list(FIXTURE["tables"])
AUTONUMBERED = {"articles", "quotes"}  # `number` is left to the database, as in an ingest


def _load_at_0001(url: str, tables: dict[str, list[dict]]) -> Engine:
    engine = make_engine(url)
    migrate.upgrade(engine, "0001")
    assert migrate.current(engine) == "0001"
    reflected = MetaData()
    reflected.reflect(engine, only=TABLES)
    with engine.begin() as conn:
        for name in TABLES:
            rows = [
                {k: v for k, v in row.items() if not (k == "number" and name in AUTONUMBERED)}
                for row in tables[name]
            ]
            if rows:
                conn.execute(reflected.tables[name].insert(), rows)
    return engine


def _rows(engine: Engine) -> dict[str, dict[tuple, dict]]:
    """Every row of every table, by primary key."""
    reflected = MetaData()
    reflected.reflect(engine, only=TABLES)
    out: dict[str, dict[tuple, dict]] = {}
    with engine.connect() as conn:
        for name in TABLES:
            table = reflected.tables[name]
            key = [c.name for c in table.primary_key.columns]
            out[name] = {
                tuple(r[k] for k in key): dict(r) for r in conn.execute(select(table)).mappings()
            }
    return out


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(count_rows(conn))


def test_a_corpus_stored_at_0001_migrates_with_every_row_and_value_intact(db_url):
    engine = _load_at_0001(db_url, FIXTURE["tables"])
    before, counts = _rows(engine), _counts(engine)
    assert counts["articles"] == 4 and counts["events"] == 28 and counts["amounts"] == 19
    assert [r["number"] for r in before["articles"].values()] == [1, 2, 3, 4]

    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    after = _rows(engine)
    assert _counts(engine) == counts
    for name in TABLES:
        assert after[name].keys() == before[name].keys(), name
        for key, old in before[name].items():
            new = after[name][key]
            unchanged = {c: v for c, v in new.items() if c in old and c != "extra"}
            assert unchanged == {c: v for c, v in old.items() if c != "extra"}, (name, key)
            # Every field the fixture kept in `extra` is one 0002 gives a column.
            assert new.get("extra") is None, (name, key, new.get("extra"))

    moved = {
        "events": ("actor_text", "recipient_text", "intended"),
        "amounts": ("predicate", "casualty"),
        "quotes": ("speaker_start", "speaker_end"),
    }
    for name, columns in moved.items():
        for key, old in before[name].items():
            for column in columns:
                default = False if column == "casualty" else None
                assert after[name][key][column] == (old["extra"] or {}).get(column, default)
    assert sum(r["intended"] is not None for r in after["events"].values()) == 2
    assert sum(r["casualty"] for r in after["amounts"].values()) >= 1
    for key, old in before["articles"].items():
        geo = old["extra"]["meta"]["dateline"]["geo"]
        new = after["articles"][key]
        assert new["dateline_is_place"] is True
        assert {k: new[f"dateline_geo_{k}"] for k in geo} == geo

    store = open_store(db_url)
    try:
        records = [Article.model_validate(r).model_dump() for r in FIXTURE["records"]]
        assert [a.model_dump() for a in store.articles()] == records
        # The migrated store takes new articles as before.
        result, refused = store.write([Extracted(sample_article().model_dump(), "new")], "2")
        assert (result.stored, refused) == (1, [])
        assert store.counts()["articles"] == 5
    finally:
        store.close()
        engine.dispose()


def test_keys_0002_does_not_know_stay_in_extra_and_downgrade_restores_0001(db_url):
    tables = copy.deepcopy(FIXTURE["tables"])
    first_event, first_article = tables["events"][0], tables["articles"][0]
    first_event["extra"] = {**first_event["extra"], "certainty": "high"}
    first_article["extra"]["meta"]["dateline"]["geo"]["elevation"] = 776
    engine = _load_at_0001(db_url, tables)
    before = _rows(engine)

    migrate.upgrade(engine)
    after = _rows(engine)
    event_key = (first_event["article_id"], first_event["event_id"])
    assert after["events"][event_key]["extra"] == {"certainty": "high"}
    article_key = (1,)
    assert after["articles"][article_key]["extra"] == {
        "meta": {"dateline": {"geo": {"elevation": 776}}}
    }
    assert after["articles"][article_key]["dateline_geo_country"] == "USA"

    migrate.downgrade(engine, "0001")
    assert migrate.current(engine) == "0001"
    assert _rows(engine) == before
    engine.dispose()


def test_the_migrated_schema_is_what_tables_py_declares(db_url):
    """Alembic finds no difference between the database at head and the table definitions
    (full-text search objects, made by hand in fts.py, aside)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def ours(obj, name, kind, reflected, compare_to):  # type: ignore[no-untyped-def]
        return not (name or "").startswith(("articles_fts", "quotes_fts", "ix_articles_search"))

    store = open_store(db_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": ours, "compare_server_default": False}
        )
        diff = compare_metadata(context, t.metadata)
    store.close()
    fts_columns = [d for d in diff if d[0] == "remove_column" and d[3].name == "search"]
    fts_indexes = [d for d in diff if d[0] == "remove_index" and d[1].name.endswith("_search")]
    assert [d for d in diff if d not in fts_columns + fts_indexes] == []
