"""The one writer: articles go in by batches, each batch one transaction.

A batch either commits completely or not at all, so a process killed at any point leaves
every article fully stored or absent; rerunning the ingest then stores exactly the rest.
Only the ingesting (parent) process writes; workers hand back plain data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_, update

from dateline.store import dedup, version
from dateline.store import tables as t
from dateline.store.rows import article_rows


@dataclass
class Extracted:
    """What a worker returns for one article: plain data, cheap to pickle."""

    article: dict[str, Any]  # Article.model_dump()
    source: str | None = None
    minhash: bytes | None = None


@dataclass
class BatchResult:
    """What one committed batch changed, for the run summary."""

    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    new_ids: list[str] = field(default_factory=list)  # in input order
    replaced_ids: list[str] = field(default_factory=list)


INSERT_ORDER = [
    t.metadata.tables[name]
    for name in (
        "images",
        "entities",
        "mentions",
        "entity_evidence",
        "actor_evidence",
        "times",
        "quotes",
        "events",
        "event_participants",
        "amounts",
        "proposals",
        "proposal_phases",
        "stances",
    )
]


def write_batch(
    conn: Connection, items: Sequence[Extracted], extractor_version: str
) -> BatchResult:
    """Store `items` on `conn` inside the caller's transaction.

    An article already stored (same id) is replaced: its annotation rows are deleted and
    written again, while its `articles` row is updated in place so that its ingest number
    and the near-duplicate links that point at it survive.
    """
    result = BatchResult()
    if not items:
        return result
    now = datetime.now(UTC).isoformat(timespec="seconds")
    ids = [item.article["id"] for item in items]
    existing = set(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(ids))))
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    new_articles: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in items:
        aid = item.article["id"]
        if aid in seen:  # the same text twice in one batch: keep the first
            continue
        seen.add(aid)
        rows = article_rows(
            item.article, source=item.source, extractor_version=extractor_version, ingested_at=now
        )
        (article_row,) = rows.pop("articles")
        if aid in existing:
            _delete_annotations(conn, aid)
            conn.execute(update(t.articles).where(t.articles.c.id == aid).values(article_row))
            result.replaced += 1
            result.replaced_ids.append(aid)
        else:
            new_articles.append(article_row)
            result.stored += 1
            result.new_ids.append(aid)
        for name, table_rows in rows.items():
            children[name].extend(table_rows)
    if new_articles:
        conn.execute(t.articles.insert(), new_articles)
    for table in INSERT_ORDER:
        table_rows = children.get(table.name)
        if table_rows:
            conn.execute(table.insert(), table_rows)
            result.rows[table.name] += len(table_rows)
    result.rows["articles"] += result.stored
    for item in items:
        if item.minhash is not None and item.article["id"] not in existing:
            result.duplicates += link_near_duplicate(conn, item.article["id"], item.minhash)
    version.bump(conn)  # last: the version row is held only until the commit
    return result


def _delete_annotations(conn: Connection, article_id: str) -> None:
    for table in t.ARTICLE_CHILDREN:
        conn.execute(delete(table).where(table.c.article_id == article_id))


def link_near_duplicate(conn: Connection, article_id: str, minhash: bytes) -> int:
    """Record the signature; link the article to the stored story it rewrites, if any.

    Returns 1 when a link was made. Clusters are stars: a rewrite of a rewrite points at the
    first copy, so `duplicate_of IS NULL` selects one article per story.
    """
    pairs = dedup.buckets(minhash)
    candidates = list(
        conn.scalars(
            select(t.lsh_buckets.c.article_id)
            .where(tuple_(t.lsh_buckets.c.band, t.lsh_buckets.c.bucket).in_(pairs))
            .where(t.lsh_buckets.c.article_id != article_id)
            .distinct()
        )
    )
    linked = 0
    if candidates:
        rows = conn.execute(
            select(
                t.article_signatures.c.article_id,
                t.article_signatures.c.minhash,
                t.articles.c.duplicate_of,
                t.articles.c.number,
            )
            .join(t.articles, t.articles.c.id == t.article_signatures.c.article_id)
            .where(t.article_signatures.c.article_id.in_(candidates))
        ).all()
        scored = [(dedup.similarity(minhash, row.minhash), -row.number, row) for row in rows]
        scored = [s for s in scored if s[0] >= dedup.THRESHOLD]
        if scored:
            score, _, best = max(scored, key=lambda s: (s[0], s[1]))
            conn.execute(
                update(t.articles)
                .where(t.articles.c.id == article_id)
                .values(
                    duplicate_of=best.duplicate_of or best.article_id,
                    duplicate_similarity=round(score, 4),
                )
            )
            linked = 1
    conn.execute(t.article_signatures.insert(), {"article_id": article_id, "minhash": minhash})
    conn.execute(
        t.lsh_buckets.insert(),
        [{"band": band, "bucket": bucket, "article_id": article_id} for band, bucket in pairs],
    )
    return linked


def count_rows(conn: Connection, names: Sequence[str] = t.COUNTED) -> Mapping[str, int]:
    """Rows per table: what the acceptance tests compare between runs."""
    from sqlalchemy import func

    return {
        name: conn.scalar(select(func.count()).select_from(t.metadata.tables[name])) or 0
        for name in names
    }
