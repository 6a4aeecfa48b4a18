"""What the exports read from the story tables: which events the event-data exports (GDELT,
POLECAT) write, with how often each was reported; and the `stories` table.

One row per story event: the same act reported by twelve outlets is written once, from its
first report, with NumArticles 12 and NumSources the distinct outlets (NumMentions counts
every statement of it, restatements inside an article too). `every_report` writes each
report instead, all with their story event's counts. Articles stored before story events
existed fall back to near-duplicates: the first copy is written, counted with its rewrites.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import and_, select

from dateline.export.columns import LIST_SEP
from dateline.schema import Event
from dateline.store import Store, StoredArticle
from dateline.store import tables as t

PAGE = 200


@dataclass(frozen=True)
class Reported:
    """How often an event was reported: articles, distinct outlets, statements."""

    articles: int
    sources: int
    mentions: int


def events_to_write(
    store: Store, every_report: bool = False
) -> Iterator[tuple[StoredArticle, Event, Reported]]:
    records = store.records()
    while page := list(islice(records, PAGE)):
        counts = _story_counts(store, [r.article.id for r in page])
        legacy = [
            r for r in page if not any((r.article.id, e.id) in counts for e in r.article.events)
        ]
        sizes = store.story_sizes({r.story_id for r in legacy}) if legacy else {}
        legacy_ids = {r.article.id for r in legacy}
        for record in page:
            article = record.article
            if article.id in legacy_ids:
                if record.story_id != article.id and not every_report:
                    continue  # a near-duplicate: its first copy stands for it
                n_articles, n_sources = sizes.get(record.story_id, (1, 1))
                for event in article.events:
                    statements = max(n_articles, _statements(event))
                    yield record, event, Reported(n_articles, n_sources, statements)
                continue
            for event in article.events:
                found = counts.get((article.id, event.id))
                if found is None:
                    yield record, event, Reported(1, 1, _statements(event))
                elif found[1] or every_report:
                    yield record, event, found[0]


def _statements(event: Event) -> int:
    return max(1, len(event.mentions))


def _story_counts(store: Store, ids: list[str]) -> dict[tuple[str, str], tuple[Reported, bool]]:
    """(article, event) -> its story event's counts and whether it is the first report."""
    m, se = t.story_event_mentions, t.story_events
    query = (
        select(
            m.c.article_id,
            m.c.event_id,
            se.c.articles,
            se.c.sources,
            se.c.mentions,
            se.c.article_id.label("first_article"),
            se.c.event_id.label("first_event"),
        )
        .join(se, and_(se.c.story_id == m.c.story_id, se.c.number == m.c.number))
        .where(m.c.article_id.in_(ids))
    )
    with store.engine.connect() as conn:
        return {
            (row.article_id, row.event_id): (
                Reported(row.articles, row.sources, row.mentions),
                (row.first_article, row.first_event) == (row.article_id, row.event_id),
            )
            for row in conn.execute(query)
        }


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The `stories` table: one row per story, oldest first, a page at a time."""
    from dateline.corpus.stories.read import StoryFilter, find_stories

    offset = 0
    while True:
        with store.engine.connect() as conn:
            page = find_stories(conn, StoryFilter(limit=PAGE, offset=offset, oldest_first=True))
        if not page:
            return
        for story in page:
            yield {
                "story_id": story["id"],
                "title": story["title"],
                "first": story["first"],
                "last": story["last"],
                "articles": len(story["articles"]),
                "outlets": len(story["outlets"]),
                "publishers": LIST_SEP.join(story["outlets"]) or None,
                "events": story["events"],
                "article_ids": LIST_SEP.join(story["articles"]),
            }
        offset += PAGE
