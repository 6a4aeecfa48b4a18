"""The `events_named` and `quotes_named` views agree with the flat export rows."""

from __future__ import annotations

from sqlalchemy import inspect, text

from dateline.export.flat import event_rows, quote_rows
from dateline.store import Extracted, migrate
from tests.store.samples import sample_article

SAME_COLUMNS_EVENTS = [
    "event_id",
    "type",
    "cameo",
    "actor",
    "actor_code",
    "recipient",
    "recipient_code",
    "place",
    "place_country",
    "modality",
    "reported_by",
    "trigger",
    "trigger_start",
    "sentence",
    "headline",
    "story_id",
]
SAME_COLUMNS_QUOTES = ["quote_id", "kind", "speaker", "speaker_code", "text", "cue", "time"]


def _view(store, name: str, order: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return [
            dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {name} ORDER BY {order}"))
        ]


def test_events_named_has_one_row_per_event_with_names_codes_and_sentence(store):
    article = sample_article()
    store.write([Extracted(article.model_dump(), "a.txt")], "1")
    expected = sorted(event_rows(article, article.id), key=lambda r: r["event_id"])
    rows = _view(store, "events_named", "event_id")
    assert len(rows) == len(article.events) > 0
    for row, want in zip(rows, expected, strict=True):
        assert {c: row[c] for c in SAME_COLUMNS_EVENTS} == {c: want[c] for c in SAME_COLUMNS_EVENTS}
        assert row["date"] == (want["date"] or article.meta.published)
    assert any(row["actor"] and row["recipient"] for row in rows)


def test_quotes_named_has_the_speakers_name_and_code(store):
    article = sample_article()
    store.write([Extracted(article.model_dump(), "a.txt")], "1")
    expected = sorted(quote_rows(article, article.id), key=lambda r: r["quote_id"])
    rows = _view(store, "quotes_named", "quote_id")
    assert len(rows) == len(article.quotes) > 0
    for row, want in zip(rows, expected, strict=True):
        assert {c: row[c] for c in SAME_COLUMNS_QUOTES} == {c: want[c] for c in SAME_COLUMNS_QUOTES}
    assert any(row["speaker_code"] for row in rows)


def test_views_come_and_go_with_their_migration(store):
    assert {"events_named", "quotes_named"} <= set(inspect(store.engine).get_view_names())
    migrate.downgrade(store.engine, "0001")
    assert not {"events_named", "quotes_named"} & set(inspect(store.engine).get_view_names())
    migrate.upgrade(store.engine)
    assert {"events_named", "quotes_named"} <= set(inspect(store.engine).get_view_names())
