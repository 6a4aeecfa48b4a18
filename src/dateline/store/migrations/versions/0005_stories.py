"""Stories across outlets, story events, proposals and stances.

Tables for the article record's new items (`proposals` with `proposal_phases`, `stances`),
for stories (`stories`, `articles.story_id`, the signatures new articles are compared on in
`story_keys` and `story_terms`) and for story events (`story_events`,
`story_event_mentions`). A database stored before this revision keeps its near-duplicate
groups as its stories (each first copy with its rewrites); `dateline stories --rebuild`
groups it anew. The named views take their story_id from the story.

This file is frozen with its revision: it names its own columns and does not import the
current table definitions.

Revision ID: 0005
Revises: 0004
Create Date: 2025-12-02
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

EXTRA = "Contract fields without a column of their own"
STORY = "COALESCE(a.story_id, a.duplicate_of, a.id)"


def _views():  # type: ignore[no-untyped-def]
    """Revision 0003's view definitions (its module is not importable by name)."""
    path = Path(__file__).with_name("0003_named_views.py")
    spec = importlib.util.spec_from_file_location("dateline_migration_0003", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"],
        ["articles.id"],
        name=op.f(f"fk_{table}_article_id_articles"),
        ondelete="CASCADE",
    )


def _entity_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id", column],
        ["entities.article_id", "entities.entity_id"],
        name=op.f(f"fk_{table}_article_id_{column}_entities"),
        ondelete="CASCADE",
    )


def _proposal_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id", "proposal_id"],
        ["proposals.article_id", "proposals.proposal_id"],
        name=op.f(f"fk_{table}_article_id_proposal_id_proposals"),
        ondelete="CASCADE",
    )


def _extra() -> sa.Column:
    return sa.Column("extra", sa.JSON(), nullable=True, comment=EXTRA)


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): SQLite keeps the full-text triggers on `articles`.
    op.add_column(
        "articles",
        sa.Column(
            "story_id",
            sa.String(length=64),
            nullable=True,
            comment="stories.id of the article's story",
        ),
    )
    op.create_index(op.f("ix_articles_story_id"), "articles", ["story_id"], unique=False)
    op.create_table(
        "proposals",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("proposal_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column(
            "name",
            sa.Text(),
            nullable=False,
            comment="The proposal as first named (char_start:end)",
        ),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=32),
            nullable=True,
            comment="Head noun: proposal, plan, deal, resolution, ...",
        ),
        sa.Column("proposer_id", sa.String(length=16), nullable=True),
        sa.Column("proposer_text", sa.Text(), nullable=True),
        sa.Column("backers", sa.JSON(), nullable=False, comment="Entity ids of its backers"),
        sa.Column("mentions", sa.JSON(), nullable=False, comment="Every phrase that refers to it"),
        _extra(),
        _article_fk("proposals"),
        _entity_fk("proposals", "proposer_id"),
        sa.PrimaryKeyConstraint("article_id", "proposal_id", name=op.f("pk_proposals")),
    )
    op.create_table(
        "proposal_phases",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("proposal_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False, comment="Phase number"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        _extra(),
        _proposal_fk("proposal_phases"),
        sa.PrimaryKeyConstraint(
            "article_id", "proposal_id", "position", name=op.f("pk_proposal_phases")
        ),
    )
    op.create_table(
        "stances",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("stance_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("proposal_id", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=16), nullable=True),
        sa.Column("actor_text", sa.Text(), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("threats", sa.JSON(), nullable=False),
        sa.Column("reported_by_id", sa.String(length=16), nullable=True),
        sa.Column("time_id", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        _extra(),
        _proposal_fk("stances"),
        _entity_fk("stances", "actor_id"),
        _entity_fk("stances", "reported_by_id"),
        sa.PrimaryKeyConstraint("article_id", "stance_id", name=op.f("pk_stances")),
    )
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stances_stance"), ["stance"], unique=False)
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column(
            "title",
            sa.Text(),
            nullable=True,
            comment="Headline of the story's most central article",
        ),
        sa.Column(
            "first_date", sa.String(length=10), nullable=True, comment="Earliest publication date"
        ),
        sa.Column(
            "last_date", sa.String(length=10), nullable=True, comment="Latest publication date"
        ),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Integer(), nullable=False, comment="Distinct publishers"),
        sa.Column(
            "events", sa.Integer(), server_default="0", nullable=False, comment="Story events"
        ),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stories_first_date"), ["first_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_stories_last_date"), ["last_date"], unique=False)
    op.create_table(
        "story_keys",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        _article_fk("story_keys"),
        sa.PrimaryKeyConstraint("article_id", "key", name=op.f("pk_story_keys")),
    )
    with op.batch_alter_table("story_keys", schema=None) as batch_op:
        batch_op.create_index("ix_story_keys_key", ["key"], unique=False)
    op.create_table(
        "story_terms",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_story_terms")),
    )
    op.create_table(
        "story_events",
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column(
            "number", sa.Integer(), nullable=False, comment="Order of first report in the story"
        ),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("article_id", sa.String(length=64), nullable=False, comment="Its first report"),
        sa.Column("event_id", sa.String(length=16), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False, comment="Distinct publishers"),
        sa.Column(
            "mentions", sa.Integer(), nullable=False, comment="Statements of it, restatements too"
        ),
        sa.Column(
            "actors", sa.JSON(), nullable=False, comment="Names, aliases and codes that matched"
        ),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_events_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "number", name=op.f("pk_story_events")),
    )
    op.create_table(
        "story_event_mentions",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=16), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            name=op.f("fk_story_event_mentions_article_id_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id", "number"],
            ["story_events.story_id", "story_events.number"],
            name=op.f("fk_story_event_mentions_story_id_number_story_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "event_id", name=op.f("pk_story_event_mentions")),
    )
    with op.batch_alter_table("story_event_mentions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_story_event_mentions_story_id_number", ["story_id", "number"], unique=False
        )
    _stories_from_duplicates()
    views = _views()
    op.execute("DROP VIEW IF EXISTS quotes_named")
    op.execute("DROP VIEW IF EXISTS events_named")
    views.create_views(STORY)


def _stories_from_duplicates() -> None:
    """Articles stored before stories existed: each near-duplicate group is one story, named
    by its first copy's headline."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    op.execute("UPDATE articles SET story_id = COALESCE(duplicate_of, id)")
    op.execute(
        sa.text(
            """INSERT INTO stories (id, title, first_date, last_date, articles, outlets, events,
                updated_at)
            SELECT s.story_id, f.headline, MIN(s.published), MAX(s.published), COUNT(*),
                COUNT(DISTINCT s.publisher), 0, :now
            FROM articles s JOIN articles f ON f.id = s.story_id
            GROUP BY s.story_id, f.headline"""
        ).bindparams(now=now)
    )


def downgrade() -> None:
    views = _views()
    op.execute("DROP VIEW IF EXISTS quotes_named")
    op.execute("DROP VIEW IF EXISTS events_named")
    views.create_views()
    with op.batch_alter_table("story_event_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_story_event_mentions_story_id_number")
    op.drop_table("story_event_mentions")
    op.drop_table("story_events")
    op.drop_table("story_terms")
    with op.batch_alter_table("story_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_story_keys_key")
    op.drop_table("story_keys")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stories_last_date"))
        batch_op.drop_index(batch_op.f("ix_stories_first_date"))
    op.drop_table("stories")
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stances_stance"))
    op.drop_table("stances")
    op.drop_table("proposal_phases")
    op.drop_table("proposals")
    op.drop_index(op.f("ix_articles_story_id"), table_name="articles")
    op.drop_column("articles", "story_id")
