"""The corpus tables (SQLAlchemy Core): one row per article, one table per kind of annotation.

Names are written for the person who opens `dateline.db` in Datasette: plural table names,
`<thing>_id` for the article-local ids of the contract ("E1", "Q3"), `char_start`/`char_end`
for offsets into `articles.text`. Every child row carries `article_id`, so each table links
back to its article and an article can be replaced or removed as a unit.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false
from sqlalchemy.types import BigInteger

# Columns added by migration 0002 (fields that had lived in `extra`) sit after `extra` in
# each table, in the order the migration adds them.

# Explicit constraint names keep migrations portable between SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ArticleId = String(64)  # sha256 hex of the normalized text
LocalId = String(16)  # "E1", "T2", "Q3", "V4", "A5"


def geo_columns(prefix: str) -> list[Column]:
    """The GeoNames identity of a place (contract `Geo`, beyond country, lat, lon, admin)."""
    return [
        Column(f"{prefix}adm1", String(16), comment="GeoNames admin1 code"),
        Column(f"{prefix}geonames_id", Integer, comment="GeoNames id"),
        Column(f"{prefix}feature_class", String(4), comment="GeoNames feature class (A, P)"),
        Column(f"{prefix}feature_code", String(16), comment="GeoNames feature code (PPLC…)"),
    ]


def _article_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE")


def _entity_fk(column: str) -> ForeignKeyConstraint:
    """A reference to an entity of the same article (nullable columns are simply not checked)."""
    return ForeignKeyConstraint(
        ["article_id", column], ["entities.article_id", "entities.entity_id"], ondelete="CASCADE"
    )


articles = Table(
    "articles",
    metadata,
    # Ingest order; an integer key also gives full-text search a stable rowid.
    Column("number", Integer, primary_key=True, autoincrement=True),
    Column("id", ArticleId, nullable=False, unique=True),
    Column("headline", Text),
    Column("published", String(10), index=True),
    Column("publisher", Text, index=True),
    Column("url", Text),
    Column("byline", Text),
    Column("language", String(16)),
    Column("source_format", String(16)),
    Column("dateline_place", Text),
    Column("dateline_date", String(10)),
    Column("dateline_agency", Text),
    Column("dateline_start", Integer),
    Column("dateline_end", Integer),
    Column("word_count", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", Text, comment="File or record the article was read from"),
    Column("schema", String(16), nullable=False),
    Column("extractor_version", String(32), nullable=False),
    Column("ingested_at", String(32), nullable=False),
    # Near-duplicates (rewrites of one wire story) point at the first copy stored.
    Column("duplicate_of", ArticleId, index=True),
    Column("duplicate_similarity", Float),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    Column(
        "dateline_is_place",
        Boolean,
        nullable=False,
        server_default=sql_false(),
        comment="The dateline place was resolved (dateline_geo_* hold it)",
    ),
    Column("dateline_geo_country", String(8)),
    Column("dateline_geo_lat", Float),
    Column("dateline_geo_lon", Float),
    Column("dateline_geo_admin", Text),
    *geo_columns("dateline_geo_"),
    Column("tone", Float, comment="positive - negative words, % (GDELT AvgTone)"),
    Column("tone_positive", Float, comment="positive words, % of tone_words"),
    Column("tone_negative", Float, comment="negative words, % of tone_words"),
    Column("tone_words", Integer, comment="words counted for tone"),
    # Migration 0005: the developing story the article belongs to (see corpus/stories).
    Column("story_id", ArticleId, index=True, comment="stories.id of the article's story"),
    ForeignKeyConstraint(["duplicate_of"], ["articles.id"], ondelete="SET NULL"),
    # Covering index for events ordered and counted by date and story (migration 0005).
    Index("ix_articles_story", "id", "duplicate_of", "published", "number"),
)

images = Table(
    "images",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("position", Integer, nullable=False),
    Column("caption", Text, nullable=False),
    Column("credit", Text),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "position"),
    _article_fk(),
)

entities = Table(
    "entities",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("entity_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("name", Text, nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("is_actor", Boolean, nullable=False, comment="Coded as an event-data actor"),
    Column("actor_code", String(32), index=True),
    Column("actor_country", String(8), index=True),
    Column("actor_sector", String(16)),
    Column("is_place", Boolean, nullable=False, comment="Resolved to a place"),
    Column("geo_country", String(8)),
    Column("geo_lat", Float),
    Column("geo_lon", Float),
    Column("geo_admin", Text),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    *geo_columns("geo_"),
    Column("members", JSON, comment="Ids of the entities a group stands for"),
    PrimaryKeyConstraint("article_id", "entity_id"),
    _article_fk(),
    # Covering index for the actor roll-up and name matching (migration 0005).
    Index(
        "ix_entities_actor_rollup",
        "name",
        "actor_code",
        "actor_country",
        "actor_sector",
        "is_actor",
        "type",
        "article_id",
        "entity_id",
    ),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("entity_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    Column("rule", String(32), comment="How coreference linked the mention"),
    Column("via_text", Text, comment="Words the mention was linked through"),
    Column("via_start", Integer),
    Column("via_end", Integer),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    _entity_fk("entity_id"),
)

entity_evidence = Table(
    "entity_evidence",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("entity_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    _entity_fk("entity_id"),
)

actor_evidence = Table(
    "actor_evidence",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("entity_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    _entity_fk("entity_id"),
)

times = Table(
    "times",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("time_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), index=True),
    Column("mod", String(16)),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "time_id"),
    _article_fk(),
)

quotes = Table(
    "quotes",
    metadata,
    # An integer key gives full-text search a stable rowid (see fts.py).
    Column("number", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ArticleId, nullable=False),
    Column("quote_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("speaker_id", LocalId),
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("channel", String(32)),
    Column("time_id", LocalId),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    Column("speaker_start", Integer, comment="Offset of speaker_text"),
    Column("speaker_end", Integer),
    UniqueConstraint("article_id", "quote_id"),
    _article_fk(),
    _entity_fk("speaker_id"),
    Index("ix_quotes_article_id_speaker_id", "article_id", "speaker_id"),
)

events = Table(
    "events",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("event_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("context", JSON, nullable=False),
    Column("cameo", String(8), index=True),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("time_id", LocalId),
    Column("date", String(10), index=True),
    Column("place_id", LocalId),
    Column("negated", Boolean, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("reported_by_id", LocalId),
    Column("confidence", Float, nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    Column("actor_text", Text, comment="The actor's words when no entity stands for them"),
    Column("recipient_text", Text, comment="The recipient's words when no entity stands for them"),
    Column("intended", String(16), comment="PLOVER type of the act intended or refused"),
    Column("mentions", JSON, comment="Spans stating the same act"),
    PrimaryKeyConstraint("article_id", "event_id"),
    _article_fk(),
    _entity_fk("place_id"),
    _entity_fk("reported_by_id"),
)

event_participants = Table(
    "event_participants",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("event_id", LocalId, nullable=False),
    Column("role", String(16), nullable=False, comment="actor (source) or recipient (target)"),
    Column("position", Integer, nullable=False),
    Column("entity_id", LocalId, nullable=False),
    PrimaryKeyConstraint("article_id", "event_id", "role", "position"),
    ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.event_id"], ondelete="CASCADE"
    ),
    _entity_fk("entity_id"),
    Index("ix_event_participants_article_id_entity_id", "article_id", "entity_id"),
    Index("ix_event_participants_entity_role", "article_id", "entity_id", "role", "event_id"),
)

amounts = Table(
    "amounts",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("amount_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("qualifier", Text),
    Column("unit", Text),
    Column("object", Text),
    Column("reported_by_id", LocalId),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    Column("predicate", Text, comment="The verb the figure belongs to"),
    Column(
        "casualty",
        Boolean,
        nullable=False,
        server_default=sql_false(),
        comment="A count of the killed or wounded",
    ),
    PrimaryKeyConstraint("article_id", "amount_id"),
    _article_fk(),
    _entity_fk("reported_by_id"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("proposal_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("name", Text, nullable=False, comment="The proposal as first named (char_start:end)"),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("kind", String(32), comment="Head noun: proposal, plan, deal, resolution, ..."),
    Column("proposer_id", LocalId),
    Column("proposer_text", Text),
    Column("backers", JSON, nullable=False, comment="Entity ids of its backers"),
    Column("mentions", JSON, nullable=False, comment="Every phrase that refers to it"),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "proposal_id"),
    _article_fk(),
    _entity_fk("proposer_id"),
)

proposal_phases = Table(
    "proposal_phases",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("proposal_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False),
    Column("n", Integer, nullable=False, comment="Phase number"),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "proposal_id", "position"),
    ForeignKeyConstraint(
        ["article_id", "proposal_id"],
        ["proposals.article_id", "proposals.proposal_id"],
        ondelete="CASCADE",
    ),
)

stances = Table(
    "stances",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("stance_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False, comment="Order in the article record"),
    Column("proposal_id", LocalId, nullable=False),
    Column("actor_id", LocalId),
    Column("actor_text", Text),
    Column("stance", String(16), nullable=False, index=True),
    Column("conditions", JSON, nullable=False),
    Column("threats", JSON, nullable=False),
    Column("reported_by_id", LocalId),
    Column("time_id", LocalId),
    Column("date", String(10)),
    Column("cue", Text),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("extra", JSON, comment="Contract fields without a column of their own"),
    PrimaryKeyConstraint("article_id", "stance_id"),
    ForeignKeyConstraint(
        ["article_id", "proposal_id"],
        ["proposals.article_id", "proposals.proposal_id"],
        ondelete="CASCADE",
    ),
    _entity_fk("actor_id"),
    _entity_fk("reported_by_id"),
)

# Stories (corpus/stories): articles of one developing story across outlets, grouped as they
# are ingested. A story's id is the id of the first article stored in it.
stories = Table(
    "stories",
    metadata,
    Column("id", ArticleId, primary_key=True),
    Column("title", Text, comment="Headline of the story's most central article"),
    Column("first_date", String(10), index=True, comment="Earliest publication date"),
    Column("last_date", String(10), index=True, comment="Latest publication date"),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False, comment="Distinct publishers"),
    Column("events", Integer, nullable=False, server_default="0", comment="Story events"),
    Column("updated_at", String(32), nullable=False),
)

# The words and names that make an article's story signature, with their weights: what a new
# article is compared on. `story_terms` counts in how many articles each key occurs.
story_keys = Table(
    "story_keys",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("key", String(160), nullable=False),
    Column("weight", Float, nullable=False),
    PrimaryKeyConstraint("article_id", "key"),
    _article_fk(),
    Index("ix_story_keys_key", "key"),
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("articles", Integer, nullable=False),
)

# Story events: one real-world act reported by several articles of a story, once.
story_events = Table(
    "story_events",
    metadata,
    Column("story_id", ArticleId, nullable=False),
    Column("number", Integer, nullable=False, comment="Order of first report in the story"),
    Column("type", String(16), nullable=False),
    Column("date", String(10)),
    Column("article_id", ArticleId, nullable=False, comment="Its first report"),
    Column("event_id", LocalId, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False, comment="Distinct publishers"),
    Column("mentions", Integer, nullable=False, comment="Statements of it, restatements too"),
    Column("actors", JSON, nullable=False, comment="Names, aliases and codes that matched"),
    Column("recipients", JSON, nullable=False),
    PrimaryKeyConstraint("story_id", "number"),
    ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
)

story_event_mentions = Table(
    "story_event_mentions",
    metadata,
    Column("article_id", ArticleId, nullable=False),
    Column("event_id", LocalId, nullable=False),
    Column("story_id", ArticleId, nullable=False),
    Column("number", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "event_id"),
    ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.event_id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(
        ["story_id", "number"],
        ["story_events.story_id", "story_events.number"],
        ondelete="CASCADE",
    ),
    Index("ix_story_event_mentions_story_id_number", "story_id", "number"),
)

# MinHash signatures and LSH buckets: near-duplicate lookup that scales with the database,
# not with memory (see store/dedup.py).
article_signatures = Table(
    "article_signatures",
    metadata,
    Column("article_id", ArticleId, primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
    _article_fk(),
)

lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("band", Integer, nullable=False),
    Column("bucket", BigInteger, nullable=False),
    Column("article_id", ArticleId, nullable=False),
    PrimaryKeyConstraint("band", "bucket", "article_id"),
    _article_fk(),
)

# One row: a number every write moves on, so that caches of query results know when they are
# stale (see store/version.py).
corpus_state = Table(
    "corpus_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

# Children before parents: the order to delete in (reverse it to insert).
ARTICLE_CHILDREN = (
    stances,
    proposal_phases,
    proposals,
    event_participants,
    events,
    quotes,
    amounts,
    times,
    mentions,
    entity_evidence,
    actor_evidence,
    entities,
    images,
)
COUNTED = (
    "articles",
    "entities",
    "mentions",
    "times",
    "quotes",
    "events",
    "event_participants",
    "amounts",
    "images",
)
