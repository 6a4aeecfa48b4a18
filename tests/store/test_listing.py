"""Listed rows read item by item (store/listing.py) equal the rows of whole records, and the
corpus version moves with every write."""

from __future__ import annotations

import random

from sqlalchemy import text

from dateline.export.flat import stored_rows, table_rows
from dateline.schema import Article
from dateline.store import Store, version
from dateline.store.listing import listed_articles
from tests.store.samples import sample_article, variant
from tests.store.test_store import extracted


def whole_rows(store: Store, table: str) -> dict[tuple[str, str], dict]:
    """Every row of `table`, made from whole stored records, by (article_id, item_id)."""
    column = {"events": "event_id", "quotes": "quote_id"}[table]
    return {
        (row["article_id"], row[column]): row
        for record in store.records()
        for row in table_rows(table, record.article, record.story_id)
    }


def _corpus(store: Store) -> None:
    """Articles with every list filled, a near-duplicate (its story is another article's),
    and an event whose actor is words without an entity."""
    unnamed = variant(7).model_dump()
    unnamed["events"][1]["actors"] = []
    unnamed["events"][1]["actor_text"] = "Local farmers"
    unnamed["events"][1]["recipients"] = []
    articles = [sample_article().model_dump(), variant(1).model_dump(), unnamed]
    store.write([extracted(Article.model_validate(a)) for a in articles], "1")


def test_listed_rows_are_the_rows_of_whole_records_in_the_order_asked(store):
    _corpus(store)
    for table in ("events", "quotes"):
        expected = whole_rows(store, table)
        assert len(expected) >= 6
        keys = list(expected)
        random.Random(3).shuffle(keys)
        assert stored_rows(store, keys, table) == [expected[k] for k in keys]
        assert stored_rows(store, keys[:2], table) == [expected[k] for k in keys[:2]]
    rows = whole_rows(store, "events").values()
    assert any(row["story_id"] != row["article_id"] for row in rows), "no near-duplicate"
    assert "Local farmers" in {row["actor"] for row in rows}


def test_a_listed_record_holds_only_the_items_asked_and_what_they_name(store):
    _corpus(store)
    article = sample_article()
    with store.engine.connect() as conn:
        ((events, story),) = listed_articles(conn, [(article.id, "V2")], "events")
        ((quotes, _),) = listed_articles(conn, [(article.id, "Q2")], "quotes")
        assert listed_articles(conn, [], "events") == []
        assert listed_articles(conn, [("no such article", "V1")], "events") == []
    assert story == article.id and events.text == article.text
    assert [v.id for v in events.events] == ["V2"] and not events.quotes
    assert {e.id for e in events.entities} == {"E4", "E5"}
    assert all(not e.mentions for e in events.entities)
    assert [q.id for q in quotes.quotes] == ["Q2"]
    assert [t.id for t in quotes.times] == ["T2"] and [e.id for e in quotes.entities] == ["E4"]


def test_every_write_moves_the_corpus_version_on(store):
    start = store.version()
    assert start is not None
    store.write([extracted(variant(1))], "1")
    after_insert = store.version()
    store.write([extracted(variant(1))], "2")  # the same article again: replaced
    after_replace = store.version()
    store.write([], "2")  # nothing written, nothing moves
    assert start < after_insert < after_replace == store.version()


def test_a_database_without_a_version_has_none_and_stays_usable(store):
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE corpus_state"))
    assert store.version() is None
    with store.engine.connect() as conn:
        assert version.current(conn) is None  # read on the driver's cursor: its error caught
        assert conn.execute(text("SELECT 1")).scalar() == 1  # and on PostgreSQL undone
