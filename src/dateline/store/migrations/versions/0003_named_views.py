"""Views for people who browse the database with Datasette or SQL: names beside codes.

`events_named` has one row per event with its actors' and recipients' names and codes, the
place, who reported it and the sentence it was coded from; `quotes_named` one row per quote
with its speaker's name and code. They use only columns of the initial schema (0001).

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _names(column: str, role: str, aggregate: str) -> str:
    """The participants of one role, `; `-joined in their order in the record."""
    return f"""(SELECT {aggregate} FROM (
            SELECT en.{column} AS value FROM event_participants p
            JOIN entities en ON en.article_id = p.article_id AND en.entity_id = p.entity_id
            WHERE p.article_id = e.article_id AND p.event_id = e.event_id
              AND p.role = '{role}' AND en.{column} IS NOT NULL
            ORDER BY p.position) AS parts)"""


def _aggregate(dialect: str) -> str:
    # SQLite's group_concat keeps the order of an ordered subquery; PostgreSQL says so.
    if dialect == "postgresql":
        return "string_agg(value, '; ')"
    return "group_concat(value, '; ')"


def upgrade() -> None:
    agg = _aggregate(op.get_bind().dialect.name)
    op.execute(
        f"""CREATE VIEW events_named AS
        SELECT e.article_id, e.event_id, e.type, e.cameo, e.mode,
            COALESCE(e.date, a.published) AS date,
            {_names("name", "actor", agg)} AS actor,
            {_names("actor_code", "actor", agg)} AS actor_code,
            {_names("name", "recipient", agg)} AS recipient,
            {_names("actor_code", "recipient", agg)} AS recipient_code,
            pl.name AS place, pl.geo_country AS place_country,
            pl.geo_lat AS latitude, pl.geo_lon AS longitude,
            e.negated, e.modality, rb.name AS reported_by, e.confidence,
            e.trigger_text AS trigger, e.trigger_start, e.trigger_end,
            SUBSTR(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
                AS sentence,
            a.headline, a.published, a.publisher, a.url,
            COALESCE(a.duplicate_of, a.id) AS story_id
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN entities pl ON pl.article_id = e.article_id AND pl.entity_id = e.place_id
        LEFT JOIN entities rb
            ON rb.article_id = e.article_id AND rb.entity_id = e.reported_by_id"""
    )
    op.execute(
        """CREATE VIEW quotes_named AS
        SELECT q.article_id, q.quote_id, q.kind, sp.name AS speaker,
            sp.actor_code AS speaker_code, sp.actor_country AS speaker_country,
            q.speaker_text, q.text, q.cue, q.channel, tm.value AS time,
            q.char_start, q.char_end,
            a.headline, a.published, a.publisher, a.url,
            COALESCE(a.duplicate_of, a.id) AS story_id
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities sp ON sp.article_id = q.article_id AND sp.entity_id = q.speaker_id
        LEFT JOIN times tm ON tm.article_id = q.article_id AND tm.time_id = q.time_id"""
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS quotes_named")
    op.execute("DROP VIEW IF EXISTS events_named")
