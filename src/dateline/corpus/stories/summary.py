"""A story's row: its title (the headline of its most central article), first and last
dates, and how many articles, outlets and story events it holds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from dateline.corpus.stories.assign import signatures_of
from dateline.corpus.stories.profile import similarity
from dateline.store import tables as t


def ensure(conn: Connection, story_ids: Iterable[str]) -> None:
    """A row for each new story, so that its story events can refer to it."""
    ids = list(dict.fromkeys(story_ids))
    known = set(conn.scalars(select(t.stories.c.id).where(t.stories.c.id.in_(ids))))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows = [
        {"id": i, "articles": 0, "outlets": 0, "events": 0, "updated_at": now}
        for i in ids
        if i not in known
    ]
    if rows:
        conn.execute(insert(t.stories), rows)


def refresh(conn: Connection, story_ids: Iterable[str]) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    a, s = t.articles, t.stories
    for story_id in dict.fromkeys(story_ids):
        members = conn.execute(
            select(a.c.id, a.c.headline, a.c.published, a.c.publisher)
            .where(a.c.story_id == story_id)
            .order_by(a.c.number)
        ).all()
        if not members:
            conn.execute(delete(s).where(s.c.id == story_id))
            continue
        dates = [m.published for m in members if m.published]
        values = {
            "title": central_headline(conn, members),
            "first_date": min(dates, default=None),
            "last_date": max(dates, default=None),
            "articles": len(members),
            "outlets": len({m.publisher or m.id for m in members}),
            "events": conn.scalar(
                select(func.count())
                .select_from(t.story_events)
                .where(t.story_events.c.story_id == story_id)
            )
            or 0,
            "updated_at": now,
        }
        changed = conn.execute(update(s).where(s.c.id == story_id).values(values)).rowcount
        if not changed:
            conn.execute(insert(s).values(id=story_id, **values))


def central_headline(conn: Connection, members: list) -> str | None:  # type: ignore[type-arg]
    """The headline of the member whose signature is closest to the story's summed one
    (ties: the earliest stored)."""
    headed = [m for m in members if m.headline]
    if len(headed) <= 1:
        return headed[0].headline if headed else None
    signatures = signatures_of(conn, [m.id for m in headed])
    centroid: dict[str, float] = {}
    for signature in signatures.values():
        for key, weight in signature.items():
            centroid[key] = centroid.get(key, 0.0) + weight / len(headed)
    best = max(
        enumerate(headed),
        key=lambda im: (similarity(signatures.get(im[1].id, {}), centroid), -im[0]),
    )
    return best[1].headline
