"""The questions people ask of stories: which stories, one story's articles and events.

Plain indexed SQL; `timeline.story_view` puts a story's parts together for the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from dateline.store import tables as t

MIN_PREFIX = 6  # characters of a story id that may stand for it


@dataclass
class StoryFilter:
    since: str | None = None
    until: str | None = None
    contains: str | None = None  # words of the title
    min_articles: int = 1
    limit: int = 50
    offset: int = 0
    oldest_first: bool = False  # exports page through stories in a stable order


def _where(query: Select, f: StoryFilter) -> Select:  # type: ignore[type-arg]
    s = t.stories
    if f.since:
        query = query.where(s.c.last_date >= f.since)
    if f.until:
        query = query.where(func.substr(s.c.first_date, 1, len(f.until)) <= f.until)
    if f.contains:
        query = query.where(func.lower(s.c.title).contains(f.contains.lower(), autoescape=True))
    if f.min_articles > 1:
        query = query.where(s.c.articles >= f.min_articles)
    return query


def find_stories(conn: Connection, f: StoryFilter) -> list[dict[str, Any]]:
    """Stories, the latest first, with their article ids and outlets."""
    s = t.stories
    if f.oldest_first:
        order = (s.c.first_date.nulls_last(), s.c.id)
    else:
        order = (s.c.last_date.desc().nulls_last(), s.c.articles.desc(), s.c.id)
    query = _where(select(s), f).order_by(*order)
    rows = [dict(r._mapping) for r in conn.execute(query.limit(f.limit).offset(f.offset))]
    members = _members(conn, [r["id"] for r in rows])
    return [public(row, members.get(row["id"], [])) for row in rows]


def count_stories(conn: Connection, f: StoryFilter) -> int:
    return int(conn.execute(_where(select(func.count()).select_from(t.stories), f)).scalar_one())


def resolve(conn: Connection, story_id: str) -> str | None:
    """The full id of a story given its id, a unique prefix, or one of its articles' ids."""
    s, a = t.stories, t.articles
    if conn.scalar(select(s.c.id).where(s.c.id == story_id)) is not None:
        return story_id
    own = conn.scalar(select(a.c.story_id).where(a.c.id == story_id))
    if own is not None:
        return own
    if len(story_id) >= MIN_PREFIX:
        found = list(conn.scalars(select(s.c.id).where(s.c.id.startswith(story_id)).limit(2)))
        if len(found) == 1:
            return found[0]
    return None


def story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
    if row is None:
        return None
    members = _members(conn, [story_id]).get(story_id, [])
    return {**public(dict(row._mapping), members), "members": members}


def _members(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    a = t.articles
    out: dict[str, list[dict[str, Any]]] = {}
    if not ids:
        return out
    rows = conn.execute(
        select(
            a.c.story_id,
            a.c.id,
            a.c.headline,
            a.c.published,
            a.c.publisher,
            a.c.url,
            a.c.duplicate_of,
        )
        .where(a.c.story_id.in_(ids))
        .order_by(a.c.published.nulls_last(), a.c.number)
    )
    for row in rows:
        out.setdefault(row.story_id, []).append(dict(row._mapping))
    return out


def public(row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    """The public shape of a story (`dateline stories --format json`)."""
    return {
        "id": row["id"],
        "title": row["title"],
        "first": row["first_date"],
        "last": row["last_date"],
        "articles": [m["id"] for m in members],
        "outlets": sorted({m["publisher"] for m in members if m["publisher"]}),
        "events": row["events"],
    }


def story_events(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """The story's events, each once, by date, with every report of it (article, event,
    trigger, sentence, outlet)."""
    se, m, e, a = t.story_events, t.story_event_mentions, t.events, t.articles
    events = [
        dict(r._mapping)
        for r in conn.execute(
            select(se)
            .where(se.c.story_id == story_id)
            .order_by(se.c.date.nulls_last(), se.c.number)
        )
    ]
    reports: dict[int, list[dict[str, Any]]] = {}
    rows = conn.execute(
        select(
            m.c.number,
            m.c.article_id,
            m.c.event_id,
            e.c.trigger_text,
            e.c.trigger_start,
            e.c.trigger_end,
            e.c.date,
            e.c.modality,
            func.substr(
                a.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start
            ).label("sentence"),
            a.c.publisher,
            a.c.published,
            a.c.headline,
        )
        .join(e, and_(e.c.article_id == m.c.article_id, e.c.event_id == m.c.event_id))
        .join(a, a.c.id == m.c.article_id)
        .where(m.c.story_id == story_id)
        .order_by(m.c.number, a.c.published, a.c.number, e.c.position)
    )
    for row in rows:
        reports.setdefault(row.number, []).append(dict(row._mapping))
    names = _participant_names(conn, events)
    for event in events:
        event["reports"] = reports.get(event["number"], [])
        event["actor_names"], event["recipient_names"] = names.get(
            (event["article_id"], event["event_id"]), ([], [])
        )
    return events


def _participant_names(
    conn: Connection, events: list[dict[str, Any]]
) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """Names of each story event's actors and recipients, as its first report gives them."""
    p, en, e = t.event_participants, t.entities, t.events
    keys = {(ev["article_id"], ev["event_id"]) for ev in events}
    out: dict[tuple[str, str], tuple[list[str], list[str]]] = {k: ([], []) for k in keys}
    articles = list({k[0] for k in keys})
    if not articles:
        return out
    rows = conn.execute(
        select(p.c.article_id, p.c.event_id, p.c.role, en.c.name)
        .join(en, and_(en.c.article_id == p.c.article_id, en.c.entity_id == p.c.entity_id))
        .where(p.c.article_id.in_(articles))
        .order_by(p.c.position)
    )
    for row in rows:
        if (row.article_id, row.event_id) in out:
            out[(row.article_id, row.event_id)][0 if row.role == "actor" else 1].append(row.name)
    texts = conn.execute(
        select(e.c.article_id, e.c.event_id, e.c.actor_text, e.c.recipient_text).where(
            e.c.article_id.in_(articles)
        )
    )
    for row in texts:
        names = out.get((row.article_id, row.event_id))
        if names is not None:
            if not names[0] and row.actor_text:
                names[0].append(row.actor_text)
            if not names[1] and row.recipient_text:
                names[1].append(row.recipient_text)
    return out
