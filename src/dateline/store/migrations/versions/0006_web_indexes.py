"""For the web reader: covering indexes for its listings and counts, and the corpus version.

Indexes that hold every column a frequent query reads, so SQLite answers from the index
without visiting the (wide) table rows: the actor roll-up and name matching over entities,
the article columns events are ordered and counted by, participants by entity and role.
`corpus_state` holds the number every write moves on (store/version.py), which caches of
query results are keyed on.

Revision ID: 0006
Revises: 0005
Create Date: 2025-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_entities_actor_rollup": (
        "entities",
        [
            "name",
            "actor_code",
            "actor_country",
            "actor_sector",
            "is_actor",
            "type",
            "article_id",
            "entity_id",
        ],
    ),
    "ix_articles_story": ("articles", ["id", "duplicate_of", "published", "number"]),
    "ix_event_participants_entity_role": (
        "event_participants",
        ["article_id", "entity_id", "role", "event_id"],
    ),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    op.create_table(
        "corpus_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_state")),
    )
    op.execute("INSERT INTO corpus_state (id, version) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("corpus_state")
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
