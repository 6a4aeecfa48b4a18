"""What each page shows, as plain data: the page renders it, the API returns it as JSON.

One function per page, each a thin layer over `dateline.store.query` (the CLI's query
layer), so a page, its API twin and `dateline events` never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import select

from dateline.corpus.stories.read import StoryFilter, count_stories, find_stories
from dateline.corpus.stories.timeline import story_view
from dateline.export.flat import stored_rows
from dateline.schema import Article
from dateline.store import Store
from dateline.store import query as q
from dateline.store import tables as t
from dateline.store.fts import search
from dateline.web.charts import Series, by_quad, by_role
from dateline.web.params import Paging

TOP = 10


def corpus_view(store: Store, f: q.EventFilter) -> dict[str, Any]:
    """Counts, events per day by quad class, the most active actors and recipients, and
    the latest articles; the chart and the article list follow the filter."""
    with store.engine.connect() as conn:
        chart = by_quad(q.event_histogram(conn, f))
        latest = q.find_articles(conn, q.ArticleFilter(since=f.since, until=f.until, limit=TOP))
        actors = q.top_actors(conn, TOP, order="events_as_actor")
        recipients = q.top_actors(conn, TOP, order="events_as_recipient")
        matching = q.count_events(conn, f)
    return {
        "counts": store.counts(),
        "matching_events": matching,
        "chart": chart,
        "top_actors": [a for a in actors if a["events_as_actor"]],
        "top_recipients": [a for a in recipients if a["events_as_recipient"]],
        "latest": latest,
    }


def events_view(store: Store, f: q.EventFilter, paging: Paging) -> dict[str, Any]:
    page = replace(f, limit=paging.size, offset=paging.offset)
    with store.engine.connect() as conn:
        total = q.count_events(conn, f)
        keys = q.find_events(conn, page)
    return {**paging.describe(total), "items": stored_rows(store, keys, "events")}


def quotes_view(
    store: Store, speaker: str | None, contains: str | None, paging: Paging
) -> dict[str, Any]:
    with store.engine.connect() as conn:
        total = q.count_quotes(conn, speaker, contains)
        keys = q.find_quotes(conn, speaker, contains, paging.size, paging.offset)
    return {**paging.describe(total), "items": stored_rows(store, keys, "quotes")}


def articles_view(store: Store, f: q.ArticleFilter, paging: Paging) -> dict[str, Any]:
    page = replace(f, limit=paging.size, offset=paging.offset)
    with store.engine.connect() as conn:
        total = q.count_articles(conn, f)
        items = q.find_articles(conn, page)
    return {**paging.describe(total), "items": items}


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored record and the other articles of its story; None when unknown."""
    records = list(store.records([article_id]))
    if not records:
        return None
    with store.engine.connect() as conn:
        story = q.story_articles(conn, article_id)
    record = records[0]
    with store.engine.connect() as conn:
        title = conn.scalar(select(t.stories.c.title).where(t.stories.c.id == record.story_id))
    return {
        "article": record.article,
        "story_id": record.story_id,
        "story_title": title,
        "source": record.source,
        "story": story,
    }


def stories_view(store: Store, f: StoryFilter, paging: Paging) -> dict[str, Any]:
    """Stories, latest first: title, dates, article ids and outlets (a page of them)."""
    page = replace(f, limit=paging.size, offset=paging.offset)
    with store.engine.connect() as conn:
        total = count_stories(conn, f)
        items = find_stories(conn, page)
    return {**paging.describe(total), "items": items}


def story_page_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story's timeline (corpus/stories/timeline.py); None when unknown."""
    return story_view(store, story_id)


def actor_view(store: Store, who: str) -> dict[str, Any]:
    """One actor (a name or a code): who it matches, its events over time as actor and as
    recipient, its main counterparts, its quotes and latest events."""
    with store.engine.connect() as conn:
        found = q.resolve(conn, who)  # the names it matches, found once for every question
        as_actor, as_recipient = q.EventFilter(actor=found), q.EventFilter(recipient=found)
        matches = q.top_actors(conn, 20, who=found)
        timeline = by_role(
            {
                "as actor": q.event_histogram(conn, as_actor, width=7),
                "as recipient": q.event_histogram(conn, as_recipient, width=7),
            }
        )
        acts_on = q.counterparts(conn, found, "actor", TOP)
        acted_on_by = q.counterparts(conn, found, "recipient", TOP)
        event_keys = q.find_events(conn, replace(as_actor, limit=TOP))
        received_keys = q.find_events(conn, replace(as_recipient, limit=TOP))
        quote_keys = q.find_quotes(conn, found, None, TOP)
    return {
        "who": who,
        "matches": matches,
        "timeline": timeline,
        "acts_on": acts_on,
        "acted_on_by": acted_on_by,
        "events_as_actor": stored_rows(store, event_keys, "events"),
        "events_as_recipient": stored_rows(store, received_keys, "events"),
        "quotes": stored_rows(store, quote_keys, "quotes"),
    }


def actors_view(store: Store, who: str | None, order: str, paging: Paging) -> dict[str, Any]:
    with store.engine.connect() as conn:
        items = q.top_actors(conn, paging.size, order=order, who=who, offset=paging.offset)
    return {"page": paging.page, "size": paging.size, "order": order, "items": items}


def search_view(store: Store, query: str, limit: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        hits = [asdict(h) for h in search(conn, query, limit)] if query.strip() else []
    return {"q": query, "items": hits}


def jsonable(view: dict[str, Any]) -> dict[str, Any]:
    """A view as JSON: charts as their counts, articles as their dateline/1 records."""
    out: dict[str, Any] = {}
    for key, value in view.items():
        if isinstance(value, Series):
            out[key] = value.as_dict()
        elif isinstance(value, Article):
            out[key] = value.model_dump()
        else:
            out[key] = value
    return out
