"""The corpus database: open by URL, write batches of articles, read them back.

>>> store = open_store("sqlite:///dateline.db")   # or postgresql+psycopg://…
>>> store.write([Extracted(article.model_dump())], extractor_version="1")
>>> store.article(article.id) == article
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from dateline.schema import Article
from dateline.store import migrate, version
from dateline.store import tables as t
from dateline.store.engine import (
    DatabaseError,
    database_url,
    has_schema,
    make_engine,
    sqlite_path,
)
from dateline.store.listing import Children, load_children, plain_rows
from dateline.store.rows import build_article
from dateline.store.writer import BatchResult, Extracted, count_rows, write_batch

__all__ = [
    "DatabaseError",
    "Extracted",
    "Store",
    "StoredArticle",
    "WriteFailure",
    "database_url",
    "open_store",
]

AfterWrite = Callable[[Connection, Sequence[Extracted], BatchResult], None]


@dataclass
class StoredArticle:
    """An article as stored: the contract record plus the store's own bookkeeping."""

    article: Article
    story_id: str  # its story (stories.id); before stories, the first copy of its rewrites
    source: str | None
    ingested_at: str
    number: int


@dataclass
class WriteFailure:
    """An article the database refused (say, an annotation pointing at a missing entity)."""

    name: str
    reason: str


class Store:
    """One corpus database. Cheap to open; the schema is migrated to the current head."""

    def __init__(
        self, url: str | None = None, *, migrate_schema: bool = True, read_only: bool = False
    ) -> None:
        """`read_only`: migrate first, then refuse every write (see make_engine)."""
        self.url = database_url(url)
        self.engine: Engine = make_engine(self.url)
        if migrate_schema:
            migrate.upgrade(self.engine)
        if read_only:
            self.engine.dispose()
            self.engine = make_engine(self.url, read_only=True)

    @property
    def shown_url(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def write(
        self,
        items: Sequence[Extracted],
        extractor_version: str,
        after: AfterWrite | None = None,
    ) -> tuple[BatchResult, list[WriteFailure]]:
        """Store a batch in one transaction; if the database refuses it, retry one by one so
        that a single bad article is reported instead of sinking its neighbours.

        `after(conn, items, result)` runs inside the same transaction (the corpus layer groups
        the new articles into stories there), so a batch and its stories commit together.
        """
        try:
            with self.engine.begin() as conn:
                result = write_batch(conn, items, extractor_version)
                if after is not None:
                    after(conn, items, result)
                return result, []
        except SQLAlchemyError:
            if len(items) == 1:
                raise
        total, failures = BatchResult(), []
        for item in items:
            try:
                with self.engine.begin() as conn:
                    one = write_batch(conn, [item], extractor_version)
                    if after is not None:
                        after(conn, [item], one)
            except SQLAlchemyError as exc:
                reason = str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]
                failures.append(
                    WriteFailure(item.source or item.article["id"], f"database: {reason}")
                )
                continue
            total.stored += one.stored
            total.replaced += one.replaced
            total.duplicates += one.duplicates
            total.new_ids += one.new_ids
            total.replaced_ids += one.replaced_ids
            for name, n in one.rows.items():
                total.rows[name] += n
        return total, failures

    # -- reading -------------------------------------------------------------------------

    def stored_versions(self, ids: Iterable[str]) -> dict[str, str]:
        """Extractor version of each id already stored (absent ids are not in the dict)."""
        ids = list(ids)
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.articles.c.id, t.articles.c.extractor_version).where(
                    t.articles.c.id.in_(ids)
                )
            )
            return {row.id: row.extractor_version for row in rows}

    def version(self) -> int | None:
        """A number every write to the corpus moves on (see store/version.py)."""
        with self.engine.connect() as conn:
            return version.current(conn)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return dict(count_rows(conn))

    def article(self, article_id: str) -> Article | None:
        found = list(self.articles([article_id]))
        return found[0] if found else None

    def articles(self, ids: Sequence[str] | None = None, batch: int = 200) -> Iterator[Article]:
        """Stored articles as `Article`s, in ingest order (all of them when `ids` is None)."""
        for record in self.records(ids, batch):
            yield record.article

    def records(
        self, ids: Sequence[str] | None = None, batch: int = 200, originals_only: bool = False
    ) -> Iterator[StoredArticle]:
        """Stored articles with what the store knows beyond the contract (story, source).

        `originals_only` leaves out near-duplicates, so each story is counted once.
        """
        last = 0
        while True:
            # Keyset pages on the ingest number: no cursor held open across the child queries.
            query = select(t.articles).where(t.articles.c.number > last)
            if ids is not None:
                query = query.where(t.articles.c.id.in_(list(ids)))
            if originals_only:
                query = query.where(t.articles.c.duplicate_of.is_(None))
            query = query.order_by(t.articles.c.number).limit(batch)
            with self.engine.connect() as conn:
                rows = plain_rows(conn.execute(query))
                if not rows:
                    return
                articles = list(self._assemble(conn, rows))
            for row, article in zip(rows, articles, strict=True):
                yield StoredArticle(
                    article=article,
                    story_id=row["story_id"] or row["duplicate_of"] or row["id"],
                    source=row["source"],
                    ingested_at=row["ingested_at"],
                    number=row["number"],
                )
            if len(rows) < batch:
                return  # a short page is the last: no query to find nothing more
            last = rows[-1]["number"]

    def story_sizes(self, story_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """Articles and distinct publishers per story (the first copy and its rewrites)."""
        from sqlalchemy import func, or_

        ids = list(story_ids)
        if not ids:
            return {}
        story = func.coalesce(t.articles.c.duplicate_of, t.articles.c.id)
        query = (
            select(
                story.label("story"), func.count(), func.count(t.articles.c.publisher.distinct())
            )
            .where(or_(t.articles.c.id.in_(ids), t.articles.c.duplicate_of.in_(ids)))
            .group_by(story)
        )
        with self.engine.connect() as conn:
            return {row[0]: (row[1], max(row[2], 1)) for row in conn.execute(query)}

    def _assemble(self, conn, article_rows: list[dict]) -> Iterator[Article]:  # type: ignore[no-untyped-def]
        ids = [r["id"] for r in article_rows]
        children: Children = defaultdict(dict)
        for table in t.ARTICLE_CHILDREN:
            load_children(conn, ids, table, children)
        for row in article_rows:
            yield build_article(row, children[row["id"]])


def open_store(url: str | None = None, *, create: bool = True, read_only: bool = False) -> Store:
    """The store at `url` (default $DATELINE_DB or ./dateline.db), migrated to head.

    With `create=False` (queries, exports, serve) a database that holds no corpus is a
    DatabaseError, and nothing is created: no file, no folder, no table. `read_only` then
    makes the database refuse every write (see make_engine).
    """
    if create:
        return Store(url, read_only=read_only)
    full = database_url(url)
    path = sqlite_path(full)
    if path is not None and not path.is_file():
        raise DatabaseError(f"no database at {path} (`dateline ingest` creates one)")
    store = Store(full, migrate_schema=False)
    try:
        if not has_schema(store.engine):
            raise DatabaseError(f"no dateline corpus in {store.shown_url} (run `dateline ingest`)")
        migrate.upgrade(store.engine)
    except BaseException:
        store.close()
        raise
    if read_only:
        store.engine.dispose()
        store.engine = make_engine(store.url, read_only=True)
    return store
