"""The `events_named` and `quotes_named` views agree with the flat export rows."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(
    ("view", "rows_of", "key", "columns"),
    [
        ("events_named", event_rows, "event_id", SAME_COLUMNS_EVENTS),
        ("quotes_named", quote_rows, "quote_id", SAME_COLUMNS_QUOTES),
    ],
)
def test_named_views_have_one_row_per_item_as_the_flat_export(store, view, rows_of, key, columns):
    article = sample_article()
    store.write([Extracted(article.model_dump(), "a.txt")], "1")
    expected = sorted(rows_of(article, article.id), key=lambda r: r[key])
    rows = _view(store, view, key)
    assert len(rows) == len(expected) > 0
    for row, want in zip(rows, expected, strict=True):
        assert {c: row[c] for c in columns} == {c: want[c] for c in columns}
    if view == "events_named":
        assert any(row["actor"] and row["recipient"] for row in rows)
        assert [r["date"] for r in rows] == [w["date"] or article.meta.published for w in expected]
    else:
        assert any(row["speaker_code"] for row in rows)


def test_views_come_and_go_with_their_migration(store):
    assert {"events_named", "quotes_named"} <= set(inspect(store.engine).get_view_names())
    migrate.downgrade(store.engine, "0001")
    assert not {"events_named", "quotes_named"} & set(inspect(store.engine).get_view_names())
    migrate.upgrade(store.engine)
    assert {"events_named", "quotes_named"} <= set(inspect(store.engine).get_view_names())
