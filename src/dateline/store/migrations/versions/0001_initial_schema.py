"""Initial schema: articles and their annotations, near-duplicate buckets, full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store import fts

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("number", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("source_format", sa.String(length=16), nullable=True),
        sa.Column("dateline_place", sa.Text(), nullable=True),
        sa.Column("dateline_date", sa.String(length=10), nullable=True),
        sa.Column("dateline_agency", sa.Text(), nullable=True),
        sa.Column("dateline_start", sa.Integer(), nullable=True),
        sa.Column("dateline_end", sa.Integer(), nullable=True),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "source", sa.Text(), nullable=True, comment="File or record the article was read from"
        ),
        sa.Column("schema", sa.String(length=16), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("duplicate_similarity", sa.Float(), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["articles.id"],
            name=op.f("fk_articles_duplicate_of_articles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_articles")),
        sa.UniqueConstraint("id", name=op.f("uq_articles_id")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_articles_duplicate_of"), ["duplicate_of"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_publisher"), ["publisher"], unique=False)

    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_signatures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_signatures")),
    )
    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("is_actor", sa.Boolean(), nullable=False, comment="Coded as an event-data actor"),
        sa.Column("actor_code", sa.String(length=32), nullable=True),
        sa.Column("actor_country", sa.String(length=8), nullable=True),
        sa.Column("actor_sector", sa.String(length=16), nullable=True),
        sa.Column("is_place", sa.Boolean(), nullable=False, comment="Resolved to a place"),
        sa.Column("geo_country", sa.String(length=8), nullable=True),
        sa.Column("geo_lat", sa.Float(), nullable=True),
        sa.Column("geo_lon", sa.Float(), nullable=True),
        sa.Column("geo_admin", sa.Text(), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_entities_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name=op.f("pk_entities")),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_actor_code"), ["actor_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_entities_actor_country"), ["actor_country"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_entities_name"), ["name"], unique=False)

    op.create_table(
        "images",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("credit", sa.Text(), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_images_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name=op.f("pk_images")),
    )
    op.create_table(
        "lsh_buckets",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_lsh_buckets_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id", name=op.f("pk_lsh_buckets")),
    )
    op.create_table(
        "times",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("time_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("mod", sa.String(length=16), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_times_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "time_id", name=op.f("pk_times")),
    )
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_times_value"), ["value"], unique=False)

    op.create_table(
        "actor_evidence",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_actor_evidence_article_id_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_id", "entity_id", "position", name=op.f("pk_actor_evidence")
        ),
    )
    op.create_table(
        "amounts",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("amount_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("object", sa.Text(), nullable=True),
        sa.Column("reported_by_id", sa.String(length=16), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "reported_by_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_amounts_article_id_reported_by_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_amounts_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "amount_id", name=op.f("pk_amounts")),
    )
    op.create_table(
        "entity_evidence",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_entity_evidence_article_id_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_id", "entity_id", "position", name=op.f("pk_entity_evidence")
        ),
    )
    op.create_table(
        "events",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("time_id", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("place_id", sa.String(length=16), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("reported_by_id", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "place_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_events_article_id_place_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "reported_by_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_events_article_id_reported_by_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "event_id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_cameo"), ["cameo"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_mentions_article_id_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "entity_id", "position", name=op.f("pk_mentions")),
    )
    op.create_table(
        "quotes",
        sa.Column("number", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("quote_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the article record"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.String(length=16), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("time_id", sa.String(length=16), nullable=True),
        sa.Column(
            "extra",
            sa.JSON(),
            nullable=True,
            comment="Contract fields without a column of their own",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "speaker_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_quotes_article_id_speaker_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_quotes_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_quotes")),
        sa.UniqueConstraint("article_id", "quote_id", name=op.f("uq_quotes_article_id_quote_id")),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_quotes_article_id_speaker_id", ["article_id", "speaker_id"], unique=False
        )

    op.create_table(
        "event_participants",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=16), nullable=False),
        sa.Column(
            "role",
            sa.String(length=16),
            nullable=False,
            comment="actor (source) or recipient (target)",
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.entity_id"],
            name=op.f("fk_event_participants_article_id_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            name=op.f("fk_event_participants_article_id_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_id", "event_id", "role", "position", name=op.f("pk_event_participants")
        ),
    )
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_participants_article_id_entity_id", ["article_id", "entity_id"], unique=False
        )
    # Full-text search (FTS5 / tsvector): the DDL differs by dialect, see dateline.store.fts.
    # A later change to it belongs in a new migration.
    fts.install(op.get_bind())


def downgrade() -> None:
    fts.uninstall(op.get_bind())
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.drop_index("ix_event_participants_article_id_entity_id")

    op.drop_table("event_participants")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_article_id_speaker_id")

    op.drop_table("quotes")
    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_date"))
        batch_op.drop_index(batch_op.f("ix_events_cameo"))

    op.drop_table("events")
    op.drop_table("entity_evidence")
    op.drop_table("amounts")
    op.drop_table("actor_evidence")
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_value"))

    op.drop_table("times")
    op.drop_table("lsh_buckets")
    op.drop_table("images")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_name"))
        batch_op.drop_index(batch_op.f("ix_entities_actor_country"))
        batch_op.drop_index(batch_op.f("ix_entities_actor_code"))

    op.drop_table("entities")
    op.drop_table("article_signatures")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_publisher"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_duplicate_of"))

    op.drop_table("articles")
