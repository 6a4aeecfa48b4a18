"""Full-text search over article text and quotes: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

The two engines differ in DDL, query syntax, ranking and snippets; everything that differs
is here, so the rest of the store speaks plain SQLAlchemy Core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

# SQLite: external-content FTS5 tables over `articles` and `quotes`, kept in sync by triggers.
# The integer `number` keys are the rowids, which VACUUM never renumbers.
SQLITE_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        headline, text, content='articles', content_rowid='number',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, headline, text)
        VALUES (new.number, new.headline, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.number, old.headline, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF headline, text
        ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.number, old.headline, old.text);
        INSERT INTO articles_fts(rowid, headline, text)
        VALUES (new.number, new.headline, new.text); END""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
        text, content='quotes', content_rowid='number',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.number, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.number, old.text);
        END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS quotes_fts_delete",
    "DROP TRIGGER IF EXISTS quotes_fts_insert",
    "DROP TABLE IF EXISTS quotes_fts",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
]

# PostgreSQL: stored generated tsvector columns with GIN indexes; nothing to keep in sync.
POSTGRES_DDL = [
    """ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', text), 'B')) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING GIN (search)",
    """ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
        to_tsvector('english', text)) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_quotes_search ON quotes USING GIN (search)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS ix_quotes_search",
    "ALTER TABLE quotes DROP COLUMN IF EXISTS search",
    "DROP INDEX IF EXISTS ix_articles_search",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search",
]


def install(conn: Connection) -> None:
    """Create the full-text index for this database's dialect (idempotent)."""
    for statement in _ddl(conn, SQLITE_DDL, POSTGRES_DDL):
        conn.exec_driver_sql(statement)


def uninstall(conn: Connection) -> None:
    for statement in _ddl(conn, SQLITE_DROP, POSTGRES_DROP):
        conn.exec_driver_sql(statement)


def _ddl(conn: Connection, sqlite: list[str], postgres: list[str]) -> list[str]:
    name = conn.dialect.name
    if name == "sqlite":
        return sqlite
    if name == "postgresql":
        return postgres
    return []  # other databases work, without full-text search


@dataclass
class Hit:
    """One search result: an article or a quote, with its rank and a highlighted snippet."""

    kind: str  # article | quote
    article_id: str
    item_id: str | None
    headline: str | None
    published: str | None
    rank: float
    snippet: str


def _hit(row) -> Hit:  # type: ignore[no-untyped-def]
    hit = Hit(**row)
    hit.snippet = " ".join(hit.snippet.split())  # one line: paragraphs break tables and CSV
    hit.rank = round(float(hit.rank), 4)
    return hit


_WORD = re.compile(r"\w+", re.UNICODE)


def sqlite_query(query: str) -> str:
    """A user query as FTS5 syntax: words as quoted terms, "phrases" kept, OR/NOT kept.

    People type what they type into a search box; raw FTS5 syntax fails on a stray colon,
    hyphen or apostrophe, so every word is quoted and only the operators pass through.
    """
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word in ("OR", "NOT", "AND"):
            parts.append(word)
        else:
            parts.extend(f'"{w}"' for w in _WORD.findall(word))
    while parts and parts[-1] in ("OR", "NOT", "AND"):
        parts.pop()
    while parts and parts[0] in ("OR", "NOT", "AND"):
        parts.pop(0)
    return " ".join(parts)


def search(conn: Connection, query: str, limit: int = 20) -> list[Hit]:
    """Articles and quotes matching `query`, best first (bm25 / ts_rank), with snippets."""
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, query, limit)
    if conn.dialect.name == "postgresql":
        return _search_postgres(conn, query, limit)
    raise NotImplementedError(f"full-text search is not available on {conn.dialect.name}")


def _search_sqlite(conn: Connection, query: str, limit: int) -> list[Hit]:
    match = sqlite_query(query)
    if not match:
        return []
    # bm25 is lower-is-better; weights favour the headline. Negated so higher is better.
    rows = conn.execute(
        text(
            """
            SELECT 'article' AS kind, a.id AS article_id, NULL AS item_id, a.headline,
                   a.published, -bm25(articles_fts, 4.0, 1.0) AS rank,
                   snippet(articles_fts, 1, '[', ']', '…', 24) AS snippet
            FROM articles_fts JOIN articles a ON a.number = articles_fts.rowid
            WHERE articles_fts MATCH :q
            UNION ALL
            SELECT 'quote', q.article_id, q.quote_id, a.headline, a.published,
                   -bm25(quotes_fts), snippet(quotes_fts, 0, '[', ']', '…', 24)
            FROM quotes_fts JOIN quotes q ON q.number = quotes_fts.rowid
            JOIN articles a ON a.id = q.article_id
            WHERE quotes_fts MATCH :q
            ORDER BY rank DESC LIMIT :limit
            """
        ),
        {"q": match, "limit": limit},
    )
    return [_hit(row._mapping) for row in rows]


def _search_postgres(conn: Connection, query: str, limit: int) -> list[Hit]:
    options = "StartSel=[, StopSel=], MaxWords=30, MinWords=12, FragmentDelimiter=…"
    rows = conn.execute(
        text(
            """
            WITH q AS (SELECT websearch_to_tsquery('english', :q) AS query),
            hits AS (
                SELECT 'article' AS kind, a.id AS article_id, NULL AS item_id, a.headline,
                       a.published, ts_rank_cd(a.search, q.query) AS rank, a.text AS body
                FROM articles a, q WHERE a.search @@ q.query
                UNION ALL
                SELECT 'quote', qt.article_id, qt.quote_id, a.headline, a.published,
                       ts_rank_cd(qt.search, q.query), qt.text
                FROM quotes qt JOIN articles a ON a.id = qt.article_id, q
                WHERE qt.search @@ q.query
                ORDER BY rank DESC LIMIT :limit)
            -- Snippets only for the rows shown: ts_headline re-parses the whole text.
            SELECT kind, article_id, item_id, headline, published, rank,
                   ts_headline('english', body, q.query, :options) AS snippet
            FROM hits, q ORDER BY rank DESC
            """
        ),
        {"q": query, "limit": limit, "options": options},
    )
    return [_hit(row._mapping) for row in rows]
