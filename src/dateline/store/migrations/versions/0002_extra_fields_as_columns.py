"""Columns for the contract fields that lived in the per-row `extra` JSON.

Events' actor_text, recipient_text and intended; amounts' predicate and casualty; quotes'
speaker_start and speaker_end; the dateline's geo; and the fields added with this revision
(tone, GeoNames admin1 code, id and feature class/code of places). Values found in `extra`
move to their column and leave the JSON; keys this revision does not know stay there.

This file is frozen with its revision: it names its own columns and does not import the
current table definitions.

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GEO = ("country", "lat", "lon", "admin", "adm1", "geonames_id", "feature_class", "feature_code")
PAGE = 2000


def _geonames(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}adm1", sa.String(16), comment="GeoNames admin1 code"),
        sa.Column(f"{prefix}geonames_id", sa.Integer(), comment="GeoNames id"),
        sa.Column(f"{prefix}feature_class", sa.String(4), comment="GeoNames feature class (A, P)"),
        sa.Column(f"{prefix}feature_code", sa.String(16), comment="GeoNames feature code (PPLC…)"),
    ]


def _columns() -> dict[str, list[sa.Column]]:
    """New columns per table (fresh objects on every call: a Column belongs to one table)."""
    return {
        "articles": [
            sa.Column(
                "dateline_is_place",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
                comment="The dateline place was resolved (dateline_geo_* hold it)",
            ),
            sa.Column("dateline_geo_country", sa.String(8)),
            sa.Column("dateline_geo_lat", sa.Float()),
            sa.Column("dateline_geo_lon", sa.Float()),
            sa.Column("dateline_geo_admin", sa.Text()),
            *_geonames("dateline_geo_"),
            sa.Column("tone", sa.Float(), comment="positive - negative words, % (GDELT AvgTone)"),
            sa.Column("tone_positive", sa.Float(), comment="positive words, % of tone_words"),
            sa.Column("tone_negative", sa.Float(), comment="negative words, % of tone_words"),
            sa.Column("tone_words", sa.Integer(), comment="words counted for tone"),
        ],
        "entities": _geonames("geo_"),
        "quotes": [
            sa.Column("speaker_start", sa.Integer(), comment="Offset of speaker_text"),
            sa.Column("speaker_end", sa.Integer()),
        ],
        "events": [
            sa.Column(
                "actor_text", sa.Text(), comment="The actor's words when no entity stands for them"
            ),
            sa.Column(
                "recipient_text",
                sa.Text(),
                comment="The recipient's words when no entity stands for them",
            ),
            sa.Column(
                "intended", sa.String(16), comment="PLOVER type of the act intended or refused"
            ),
        ],
        "amounts": [
            sa.Column("predicate", sa.Text(), comment="The verb the figure belongs to"),
            sa.Column(
                "casualty",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
                comment="A count of the killed or wounded",
            ),
        ],
    }


# Where each column's value sits in `extra` (a path of keys), and each table's key.
DATELINE_GEO = ("meta", "dateline", "geo")
PATHS: dict[str, dict[str, tuple[str, ...]]] = {
    "articles": {
        **{f"dateline_geo_{key}": (*DATELINE_GEO, key) for key in GEO},
        "tone": ("tone", "score"),
        "tone_positive": ("tone", "positive"),
        "tone_negative": ("tone", "negative"),
        "tone_words": ("tone", "words"),
    },
    "entities": {f"geo_{key}": ("geo", key) for key in GEO[4:]},
    "quotes": {"speaker_start": ("speaker_start",), "speaker_end": ("speaker_end",)},
    "events": {key: (key,) for key in ("actor_text", "recipient_text", "intended")},
    "amounts": {"predicate": ("predicate",), "casualty": ("casualty",)},
}
KEYS = {
    "articles": ("number",),
    "entities": ("article_id", "entity_id"),
    "quotes": ("number",),
    "events": ("article_id", "event_id"),
    "amounts": ("article_id", "amount_id"),
}
NOT_NULL_FALSE = {"dateline_is_place", "casualty"}


def upgrade() -> None:
    columns = _columns()
    for name, new in columns.items():
        for column in new:
            op.add_column(name, column)
    conn = op.get_bind()
    for name in columns:
        _move(conn, name, out_of_extra=True)


def downgrade() -> None:
    conn = op.get_bind()
    columns = _columns()
    for name in columns:
        _move(conn, name, out_of_extra=False)
    for name, new in columns.items():
        for column in reversed(new):
            op.drop_column(name, column.name)


def _table(name: str) -> sa.TableClause:
    names = [*KEYS[name], *PATHS[name]]
    if name == "articles":
        names.append("dateline_is_place")
    return sa.table(name, *(sa.column(n) for n in names), sa.column("extra", sa.JSON()))


def _pages(conn: sa.Connection, table: sa.TableClause, keys: tuple[str, ...]) -> Iterator[list]:
    """All rows in key order, a page at a time (keyset pagination: no cursor held open while
    the page's updates run)."""
    key = sa.tuple_(*(table.c[k] for k in keys))
    last = None
    while True:
        query = sa.select(table).order_by(*(table.c[k] for k in keys)).limit(PAGE)
        if last is not None:
            query = query.where(key > sa.tuple_(*(sa.literal(v) for v in last)))
        rows = [dict(r) for r in conn.execute(query).mappings()]
        if not rows:
            return
        yield rows
        last = tuple(rows[-1][k] for k in keys)


def _move(conn: sa.Connection, name: str, out_of_extra: bool) -> None:
    table = _table(name)
    keys = KEYS[name]
    written = ["extra"]  # downgrade: the columns are dropped next, only `extra` matters
    if out_of_extra:
        written += [*PATHS[name], *(["dateline_is_place"] if name == "articles" else [])]
    statement = (
        sa.update(table)
        .where(*(table.c[k] == sa.bindparam(f"key_{k}") for k in keys))
        .values({c: sa.bindparam(f"new_{c}") for c in written})
    )
    for page in _pages(conn, table, keys):
        changes = []
        for row in page:
            values = _out_of_extra(name, row) if out_of_extra else _into_extra(name, row)
            if values is not None:
                changes.append(
                    {
                        **{f"key_{k}": row[k] for k in keys},
                        **{f"new_{c}": v for c, v in values.items()},
                    }
                )
        if changes:
            conn.execute(statement, changes)


def _out_of_extra(name: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """The columns' values taken out of the row's `extra`, and what remains of it."""
    extra = row["extra"]
    if not isinstance(extra, dict):
        return None
    extra = copy.deepcopy(extra)
    values: dict[str, Any] = {}
    if name == "articles":
        values["dateline_is_place"] = isinstance(_get(extra, DATELINE_GEO), dict)
    for column, path in PATHS[name].items():
        values[column] = _pop(extra, path)
    for column in NOT_NULL_FALSE & set(values):
        values[column] = bool(values[column])
    values["extra"] = extra or None
    return values


def _into_extra(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row's `extra` as revision 0001 kept it: the columns' values back in the JSON."""
    extra = copy.deepcopy(row["extra"]) if isinstance(row["extra"], dict) else {}
    for column, path in PATHS[name].items():
        if column.startswith("dateline_geo_") and not row["dateline_is_place"]:
            continue
        # 0001 kept the dateline's whole geo object, nulls too; elsewhere only values.
        if row[column] is not None or (path[:-1] == DATELINE_GEO and path[-1] in GEO[:4]):
            _put(extra, path, row[column])
    return {"extra": extra or None}


def _get(data: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)  # type: ignore[assignment]
    return data


def _pop(data: dict, path: tuple[str, ...]) -> Any:
    """Remove the value at `path`, and the objects it leaves empty."""
    head, *rest = path
    if head not in data:
        return None
    if not rest:
        return data.pop(head)
    inner = data[head]
    if not isinstance(inner, dict):
        return None
    value = _pop(inner, tuple(rest))
    if not inner:
        del data[head]
    return value


def _put(data: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value
