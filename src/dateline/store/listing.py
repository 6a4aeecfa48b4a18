"""Articles read back for a listing: only the items listed and what they refer to.

A page of 50 events needs, of each article that holds one, the event, its participants, the
entities it names and the article's own columns; not the article's every mention, time and
amount. `listed_articles` reads just that and builds the records with the same code as a
whole article (`rows.build_article`), so the flat rows made from them are those of the whole
record (tests/store/test_listing.py compares the two on a corpus).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Result, Select, Table, and_, bindparam, select, tuple_

from dateline.schema import Article
from dateline.store import tables as t
from dateline.store.rows import build_article

Key = tuple[str, str]  # (article_id, item_id)
Children = dict[str, dict[str, list[dict[str, Any]]]]  # article id -> table name -> rows


def _among(article_id: Any, item_id: Any, keys: Iterable[Key]) -> Any:
    """Rows whose (article_id, item_id) is one of `keys`. The article ids are listed on
    their own too: SQLite (3.40) searches an index for a list of values but scans the
    whole table for a list of pairs."""
    pairs = sorted(set(keys))
    articles = sorted({a for a, _ in pairs})
    return and_(article_id.in_(articles), tuple_(article_id, item_id).in_(pairs))


@cache
def _children_of(table: Table) -> Select:  # type: ignore[type-arg]
    """The rows of `table` for a list of article ids, built once per table: an article page
    loads a dozen tables, and building the statement cost more than running it."""
    return select(table).where(table.c.article_id.in_(bindparam("ids", expanding=True)))


def load_children(
    conn: Connection, ids: Sequence[str], table: Table, into: Children, where: Any = None
) -> list[dict[str, Any]]:
    """The rows of `table` for articles `ids` (narrowed by `where`), added to `into`."""
    query = _children_of(table)
    if where is not None:
        query = query.where(where)
    rows = plain_rows(conn.execute(query, {"ids": list(ids)}))
    for row in rows:
        into[row["article_id"]].setdefault(table.name, []).append(row)
    return rows


def plain_rows(result: Result) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    """A result's rows as plain dicts (column name -> value), made with one list of keys
    rather than a mapping view per row."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def listed_articles(conn: Connection, keys: Sequence[Key], kind: str) -> list[tuple[Article, str]]:
    """(record, story id) of each article holding one of the `kind` ("events" or "quotes")
    items `keys`, the record holding those items only, with the entities and times they
    refer to (entities without their mentions and evidence)."""
    if kind not in ("events", "quotes"):
        raise ValueError(f"unknown kind {kind!r}; expected events or quotes")
    ids = sorted({a for a, _ in keys})
    if not ids:
        return []
    children: Children = defaultdict(dict)
    entities: set[Key] = set()
    times: set[Key] = set()
    if kind == "events":
        e, p = t.events, t.event_participants
        for row in load_children(
            conn, ids, e, children, _among(e.c.article_id, e.c.event_id, keys)
        ):
            entities |= {(row["article_id"], row[c]) for c in ("place_id", "reported_by_id")}
        where = _among(p.c.article_id, p.c.event_id, keys)
        for row in load_children(conn, ids, p, children, where):
            entities.add((row["article_id"], row["entity_id"]))
    else:
        q = t.quotes
        for row in load_children(
            conn, ids, q, children, _among(q.c.article_id, q.c.quote_id, keys)
        ):
            entities.add((row["article_id"], row["speaker_id"]))
            times.add((row["article_id"], row["time_id"]))
    for table, column, wanted in (
        (t.entities, "entity_id", entities),
        (t.times, "time_id", times),
    ):
        wanted = {key for key in wanted if key[1] is not None}
        if wanted:
            where = _among(table.c.article_id, table.c[column], wanted)
            load_children(conn, sorted({a for a, _ in wanted}), table, children, where)
    articles = conn.execute(select(t.articles).where(t.articles.c.id.in_(ids))).mappings()
    return [
        (build_article(row, children[row["id"]]), row["duplicate_of"] or row["id"])
        for row in articles
    ]
