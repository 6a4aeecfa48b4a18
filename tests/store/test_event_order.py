"""Events most recent first: every page `find_events` gives is the order made by hand from
the stored records (the event's own date, else its article's; then ingest order, event id),
whichever way the query layer reads the events to make it."""

from __future__ import annotations

import random

from dateline.schema import Article
from dateline.store import query as q
from tests.store.samples import variant
from tests.store.test_store import extracted

DAYS = ["2024-03-01", "2024-03-05", "2024-03-06", "2024-02", None]


def _corpus(store) -> None:  # type: ignore[no-untyped-def]
    """Articles published on a few days, their events dated on others or not at all, so
    dated and undated events interleave and tie."""
    rng = random.Random(5)
    records = []
    for n in range(16):
        record = variant(n).model_dump()
        record["meta"]["published"] = rng.choice(DAYS[:3])
        for event in record["events"]:
            event["date"] = rng.choice(DAYS)
        records.append(extracted(Article.model_validate(record)))
    store.write(records, "1")


def _by_hand(store, keep=lambda event: True) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = []
    for record in store.records():
        article = record.article
        for event in article.events:
            if keep(event):
                filed = event.date or article.meta.published
                rows.append((filed, record.number, event.id, article.id))
    # Most recent first; then ingest order and event id, both ascending.
    rows.sort(key=lambda r: (r[1], r[2]))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [(article_id, event_id) for _, _, event_id, article_id in rows]


def test_every_page_of_events_is_in_the_order_made_by_hand(store):
    _corpus(store)
    expected = _by_hand(store)
    assert len(expected) >= 40
    with store.engine.connect() as conn:
        for limit, offset in ((50, 0), (10, 0), (7, 3), (5, 30), (50, 45)):
            page = q.find_events(conn, q.EventFilter(limit=limit, offset=offset))
            assert page == expected[offset : offset + limit], (limit, offset)
        accusations = q.find_events(conn, q.EventFilter(type="ACCUSE", limit=100))
        assert accusations == _by_hand(store, lambda event: event.type == "ACCUSE")
        since = q.find_events(conn, q.EventFilter(since="2024-03-05", limit=100))
        assert since == [k for k in expected if k in set(_filed_since(store, "2024-03-05"))]


def _filed_since(store, day: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (record.article.id, event.id)
        for record in store.records()
        for event in record.article.events
        if (event.date or record.article.meta.published) >= day
    ]
