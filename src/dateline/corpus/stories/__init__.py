"""Stories across outlets: articles grouped into developing stories as they are ingested,
with story events that count the same act once, whoever reported it.

`assign` places each new article (signature in `profile`), `events` folds its events into
the story's events, `summary` keeps the story's row; `claims` and `timeline` read a story
for the views. `after_write` is what the ingest calls inside each batch's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, delete, select, update

from dateline.corpus.stories import events, summary
from dateline.corpus.stories.assign import place, profile_article
from dateline.store import Store
from dateline.store import tables as t
from dateline.store.writer import BatchResult, Extracted

__all__ = ["after_write", "regroup"]


def after_write(conn: Connection, items: Sequence[Extracted], result: BatchResult) -> None:
    """Group the batch's new articles (in input order) and bring the story events of the
    stories they joined, or of re-extracted articles, up to date."""
    new = set(result.new_ids)
    joined: dict[str, list[str]] = {}
    for item in items:
        aid = item.article["id"]
        if aid in new:
            new.discard(aid)  # the same text twice in a batch is stored once
            placed = place(conn, aid, profile_article(conn, item.article))
            joined.setdefault(placed.story_id, []).append(aid)
    rebuilt: list[str] = []
    for aid in result.replaced_ids:
        story = conn.scalar(select(t.articles.c.story_id).where(t.articles.c.id == aid))
        if story is None:  # stored before stories existed
            record = next(i.article for i in items if i.article["id"] == aid)
            story = place(conn, aid, profile_article(conn, record)).story_id
        rebuilt.append(story)
    summary.ensure(conn, [*joined, *rebuilt])
    for story, members in joined.items():
        if story not in rebuilt:
            events.extend(conn, story, members)
    for story in dict.fromkeys(rebuilt):
        events.rebuild(conn, story)
    summary.refresh(conn, [*joined, *rebuilt])


Progress = Callable[[int], None]


def regroup(store: Store, progress: Progress | None = None, page: int = 200) -> int:
    """Group every stored article anew, in ingest order (for a corpus stored before stories,
    or after the grouping rules changed). Returns the number of stories."""
    with store.engine.begin() as conn:
        conn.execute(update(t.articles).values(story_id=None))
        for table in (t.story_event_mentions, t.story_events, t.stories, t.story_keys):
            conn.execute(delete(table))
        conn.execute(delete(t.story_terms))
    records = store.records(batch=page)
    while True:
        batch = [r for _, r in zip(range(page), records, strict=False)]
        if not batch:
            break
        with store.engine.begin() as conn:
            items = [Extracted(r.article.model_dump(), r.source) for r in batch]
            ids = [i.article["id"] for i in items]
            after_write(conn, items, BatchResult(new_ids=ids))
        if progress is not None:
            progress(len(batch))
    with store.engine.connect() as conn:
        return len(conn.execute(select(t.stories.c.id)).all())
