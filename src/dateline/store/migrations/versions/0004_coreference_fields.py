"""Columns for the coreference and restatement fields of the contract: how a mention was
linked (`mentions.rule`, the words it went through `via_*`), the members of a group
(`entities.members`) and every statement of an event (`events.mentions`). Rows stored before
have none of these (extractor versions before 3 made none), so nothing is moved.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _columns() -> dict[str, list[sa.Column]]:
    """New Column objects each time: a Column belongs to one table once added."""
    return {
        "mentions": [
            sa.Column("rule", sa.String(32), comment="How coreference linked the mention"),
            sa.Column("via_text", sa.Text(), comment="Words the mention was linked through"),
            sa.Column("via_start", sa.Integer()),
            sa.Column("via_end", sa.Integer()),
        ],
        "entities": [
            sa.Column("members", sa.JSON(), comment="Ids of the entities a group stands for")
        ],
        "events": [sa.Column("mentions", sa.JSON(), comment="Spans stating the same act")],
    }


def upgrade() -> None:
    for table, columns in _columns().items():
        for column in columns:
            op.add_column(table, column)


def downgrade() -> None:
    for table, columns in _columns().items():
        for column in reversed(columns):
            op.drop_column(table, column.name)
