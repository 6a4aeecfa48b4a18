"""The store on SQLite and PostgreSQL: round trips, re-runs, refusals, duplicates, search."""

from __future__ import annotations

from sqlalchemy import inspect

from dateline.store import Extracted, dedup, migrate, open_store
from dateline.store.fts import search, sqlite_query
from tests.store.samples import BODY, plain_article, sample_article, variant


def extracted(article, source="test", minhash=True) -> Extracted:  # type: ignore[no-untyped-def]
    return Extracted(
        article.model_dump(), source, dedup.signature(article.text) if minhash else None
    )


def test_every_field_of_the_contract_round_trips(store):
    article = sample_article()
    result, refused = store.write([extracted(article)], "1")
    assert (result.stored, refused) == (1, [])
    assert store.article(article.id) == article
    assert store.article(article.id).model_dump() == article.model_dump()


def test_writing_an_article_again_replaces_it_without_duplicating_rows(store):
    articles = [variant(i) for i in range(5)]
    store.write([extracted(a) for a in articles], "1")
    first = store.counts()
    result, _ = store.write([extracted(articles[2])], "2")
    assert (result.stored, result.replaced) == (0, 1)
    assert store.counts() == first
    assert first["articles"] == 5 and first["events"] == 15 and first["quotes"] == 10
    assert [a.id for a in store.articles()] == [a.id for a in articles]  # ingest order kept
    assert store.stored_versions([articles[2].id, "nope"]) == {articles[2].id: "2"}


def test_an_article_the_database_refuses_is_reported_and_its_batch_still_stored(store):
    good = [variant(i) for i in range(3)]
    bad = variant(9).model_dump()
    bad["events"][0]["actors"] = ["E99"]  # no such entity: a foreign key violation
    items = [extracted(good[0]), Extracted(bad, "bad.txt"), extracted(good[1]), extracted(good[2])]
    result, refused = store.write(items, "1")
    assert result.stored == 3
    assert [f.name for f in refused] == ["bad.txt"]
    assert refused[0].reason.startswith("database:")
    assert store.counts()["articles"] == 3


def test_a_rewrite_of_a_stored_story_is_linked_to_it(store):
    original = sample_article()
    rewrite = sample_article(
        BODY.replace("to discuss the drought", "for talks on the drought").replace(
            "The bank rejected the accusation in a statement on Wednesday.",
            "The bank rejected the accusation in a statement on Wednesday, its spokesman said.",
        ),
        headline="Kenya, Portugal hold drought talks",
    )
    other = plain_article(
        "Protesters marched through the capital on Sunday demanding lower fuel prices, and "
        "police said the crowd numbered several thousand people before it dispersed at dusk. "
        "The transport union said it would strike on Monday if the government refused to talk.",
        headline="Fuel price protest",
    )
    result, _ = store.write([extracted(original), extracted(other)], "1")
    assert result.duplicates == 0
    result, _ = store.write([extracted(rewrite)], "1")
    assert result.duplicates == 1
    from sqlalchemy import select

    from dateline.store.tables import articles

    with store.engine.connect() as conn:
        links = dict(conn.execute(select(articles.c.id, articles.c.duplicate_of)).all())
    assert links == {original.id: None, other.id: None, rewrite.id: original.id}


def test_schema_has_foreign_keys_indexes_and_is_at_migration_head(store):
    inspector = inspect(store.engine)
    tables = set(inspector.get_table_names())
    assert {
        "articles",
        "entities",
        "mentions",
        "times",
        "quotes",
        "events",
        "event_participants",
        "amounts",
        "images",
        "alembic_version",
    } <= tables
    fks = {fk["referred_table"] for fk in inspector.get_foreign_keys("event_participants")}
    assert fks == {"events", "entities"}
    indexed = {tuple(ix["column_names"]) for ix in inspector.get_indexes("events")}
    assert ("type",) in indexed and ("date",) in indexed
    assert migrate.current(store.engine) == migrate.head()


def test_migrations_go_down_to_nothing_and_back_up(db_url):
    store = open_store(db_url)
    store.write([extracted(sample_article())], "1")
    store.close()
    engine = open_store(db_url).engine
    migrate.downgrade(engine, "base")
    assert "articles" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert "articles" in inspect(engine).get_table_names()
    engine.dispose()


def test_full_text_search_ranks_articles_and_quotes_with_snippets(store):
    store.write([extracted(variant(i)) for i in range(3)], "1")
    harvest_story = plain_article(
        "Farmers in the north said the harvest failed for a third year, and officials "
        "promised seed and water deliveries before the rains, according to the ministry.",
        headline="Harvest fails again",
    )
    store.write([extracted(harvest_story)], "1")
    with store.engine.connect() as conn:
        hits = search(conn, "abandon partners")
        assert sorted(h.kind for h in hits) == ["article"] * 3 + ["quote"] * 3
        assert all("[abandon]" in h.snippet for h in hits)
        assert {h.item_id for h in hits if h.kind == "quote"} == {"Q1"}
        harvest = search(conn, "harvest")
        assert [h.headline for h in harvest] == ["Harvest fails again"]
        assert "[harvest]" in harvest[0].snippet.lower()
        assert search(conn, 'drought: "Horn of Africa" OR') != []  # stray syntax is harmless


def test_user_queries_become_safe_fts5_syntax():
    assert sqlite_query('Horn: "of Africa" OR drought-') == '"Horn" "of Africa" OR "drought"'
    assert sqlite_query("OR") == ""


def test_fields_the_store_has_no_column_for_are_kept_in_extra():
    """A field added to the contract before the store has a column for it (here made up:
    `certainty`, `elevation`) is kept in the row's `extra` and comes back on read."""
    from dateline.store.rows import article_rows, with_extra

    record = sample_article().model_dump()
    record["events"][0]["certainty"] = "high"
    record["meta"]["dateline"]["geo"] = {"country": "CHE", "lat": 46.2, "elevation": 375}
    rows = article_rows(record, source=None, extractor_version="1", ingested_at="now")
    assert rows["events"][0]["extra"] == {"certainty": "high"}
    assert "certainty" not in (rows["events"][1]["extra"] or {})
    assert rows["articles"][0]["extra"] == {"meta": {"dateline": {"geo": {"elevation": 375}}}}
    assert rows["articles"][0]["dateline_geo_country"] == "CHE"
    rebuilt = with_extra({"meta": {"dateline": {"place": "GENEVA"}}}, rows["articles"][0]["extra"])
    assert rebuilt == {"meta": {"dateline": {"place": "GENEVA", "geo": {"elevation": 375}}}}


def test_every_field_of_the_contract_has_a_column():
    """Nothing of a full record goes to `extra`: every contract field is queryable."""
    from dateline.store.rows import article_rows

    record = sample_article().model_dump()
    rows = article_rows(record, source=None, extractor_version="1", ingested_at="now")
    extras = [row["extra"] for table in rows.values() for row in table if row.get("extra")]
    assert extras == []
