"""Incremental grouping: a new article joins the story of the stored article most like it,
or starts a story of its own.

Candidates come from an indexed lookup (articles sharing a signature key, published within
`WINDOW_DAYS`), never from a scan of the corpus. A near-duplicate joins the story of the
article it rewrites. Ties go to the article stored first, so the same input in the same
order always makes the same stories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from dateline.corpus.stories import profile
from dateline.store import tables as t

THRESHOLD = 0.14  # weighted Jaccard of signatures at or above which two articles are one story
WINDOW_DAYS = 60  # how far apart in publication two articles of one story may be
DOCUMENTS_KEY = ""  # the `story_terms` row that counts the articles profiled


@dataclass
class Placed:
    """Where an article went: its story, the article it was matched to and how closely."""

    article_id: str
    story_id: str
    matched: str | None = None
    score: float | None = None


def profile_article(conn: Connection, record: Mapping[str, Any]) -> dict[str, float]:
    """Count the article's keys into `story_terms`, store its signature in `story_keys`
    and return the signature (`record` is the article's `dateline/1` dict)."""
    found = profile.terms(record)
    aid = record["id"]
    _count(conn, [DOCUMENTS_KEY, *found.counts])
    keys = list(found.counts)
    frequency = _frequencies(conn, keys)
    documents = _frequencies(conn, [DOCUMENTS_KEY]).get(DOCUMENTS_KEY, 1)
    signature = profile.signature(found, documents, frequency)
    if signature:
        conn.execute(
            t.story_keys.insert(),
            [{"article_id": aid, "key": k, "weight": w} for k, w in signature.items()],
        )
    return signature


def place(conn: Connection, aid: str, signature: dict[str, float]) -> Placed:
    """Put a newly stored article into a story (its `articles.story_id`)."""
    row = conn.execute(
        select(t.articles.c.duplicate_of, t.articles.c.number, t.articles.c.published).where(
            t.articles.c.id == aid
        )
    ).one()
    placed = Placed(aid, aid)
    if row.duplicate_of is not None:
        story = conn.scalar(
            select(t.articles.c.story_id).where(t.articles.c.id == row.duplicate_of)
        )
        placed = Placed(aid, story or row.duplicate_of, row.duplicate_of, 1.0)
    else:
        best = _best_match(conn, aid, signature, row.number, _day(row.published))
        if best is not None:
            placed = Placed(aid, best[1], best[0], round(best[2], 4))
    conn.execute(update(t.articles).where(t.articles.c.id == aid).values(story_id=placed.story_id))
    return placed


def _best_match(
    conn: Connection, aid: str, signature: dict[str, float], number: int, day: date | None
) -> tuple[str, str, float] | None:
    """(article id, its story, score) of the most similar earlier article, if close enough."""
    if not signature:
        return None
    a, k = t.articles, t.story_keys
    query = (
        select(k.c.article_id)
        .join(a, a.c.id == k.c.article_id)
        .where(k.c.key.in_(list(signature)), k.c.article_id != aid)
        .where(a.c.story_id.is_not(None), a.c.number < number)
        .distinct()
    )
    if day is not None:
        low = (day - timedelta(days=WINDOW_DAYS)).isoformat()
        high = (day + timedelta(days=WINDOW_DAYS)).isoformat()
        query = query.where(
            or_(a.c.published.is_(None), and_(a.c.published >= low, a.c.published <= high))
        )
    candidates = list(conn.scalars(query))
    if not candidates:
        return None
    signatures = signatures_of(conn, candidates)
    placed = conn.execute(select(a.c.id, a.c.story_id, a.c.number).where(a.c.id.in_(candidates)))
    stories, numbers = {}, {}
    for aid, story, n in placed:
        stories[aid], numbers[aid] = story, n
    scored = [
        (profile.similarity(signature, sig), -numbers[aid], aid) for aid, sig in signatures.items()
    ]
    scored = [s for s in scored if s[0] >= THRESHOLD]
    if not scored:
        return None
    score, _, matched = max(scored)
    return matched, stories[matched], score


def signatures_of(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(dict)
    ids = list(ids)
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(t.story_keys.c.article_id, t.story_keys.c.key, t.story_keys.c.weight).where(
                t.story_keys.c.article_id.in_(ids[start : start + 500])
            )
        )
        for aid, key, weight in rows:
            out[aid][key] = weight
    return dict(out)


def _frequencies(conn: Connection, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        rows = conn.execute(
            select(t.story_terms.c.key, t.story_terms.c.articles).where(
                t.story_terms.c.key.in_(part)
            )
        )
        out.update({key: n for key, n in rows})
    return out


def _count(conn: Connection, keys: list[str]) -> None:
    """Add one article to each key's count: an upsert on either backend, run as one
    executemany of a statement compiled once."""
    dialect = conn.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(t.story_terms).values(key=bindparam("k"), articles=1)
    statement = statement.on_conflict_do_update(
        index_elements=[t.story_terms.c.key], set_={"articles": t.story_terms.c.articles + 1}
    )
    conn.execute(statement, [{"k": k[: profile.MAX_KEY]} for k in dict.fromkeys(keys)])


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None
