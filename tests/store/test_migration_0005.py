"""Migration 0004 -> 0005 on SQLite and PostgreSQL: a corpus stored before stories keeps every
row, its near-duplicate groups become its stories, the named views carry the story, and the
downgrade gives 0004 back."""

from __future__ import annotations

from sqlalchemy import inspect, text

from dateline.store import Extracted, dedup, migrate, open_store
from dateline.store.writer import count_rows
from tests.store.samples import BODY, sample_article, variant

BEFORE = ("articles", "entities", "mentions", "times", "quotes", "events", "amounts")


def test_a_corpus_stored_before_stories_gets_its_rewrite_groups_as_stories(db_url):
    original = sample_article()
    rewrite = sample_article(BODY.replace("to discuss", "for talks on"), headline="Rewrite")
    other = variant(1)
    store = open_store(db_url)
    store.write(
        [
            Extracted(original.model_dump(), "a.txt", dedup.signature(original.text)),
            Extracted(other.model_dump(), "b.txt"),
            Extracted(rewrite.model_dump(), "c.txt", dedup.signature(rewrite.text)),
        ],
        "1",
    )
    engine = store.engine
    migrate.downgrade(engine, "0004")
    assert "stories" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        before = {n: c for n, c in count_rows(conn, BEFORE).items()}
    migrate.upgrade(engine, "0005")
    with engine.connect() as conn:
        assert {n: c for n, c in count_rows(conn, BEFORE).items()} == before
        stories = dict(
            (row[0], row[1:])
            for row in conn.execute(text("SELECT id, articles, title FROM stories"))
        )
        assert stories == {
            original.id: (2, original.meta.headline),
            other.id: (1, other.meta.headline),
        }
        story_of = dict(conn.execute(text("SELECT id, story_id FROM articles")).all())
        assert story_of[rewrite.id] == original.id
        view = set(conn.execute(text("SELECT DISTINCT story_id FROM events_named")).scalars())
        assert view == {original.id, other.id}
    migrate.downgrade(engine, "0004")
    with engine.connect() as conn:
        assert {n: c for n, c in count_rows(conn, BEFORE).items()} == before
        assert conn.execute(text("SELECT COUNT(*) FROM quotes_named")).scalar_one() > 0
    assert "story_id" not in {c["name"] for c in inspect(engine).get_columns("articles")}
    store.close()
