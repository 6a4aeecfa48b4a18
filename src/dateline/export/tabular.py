"""CSV and Parquet: the flat tables (events, quotes, articles, entities), streamed.

Parquet gets an explicit schema from the column definitions, so an empty export still has
the documented columns and types; rows are written in row groups, never all in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.export.columns import Column
from dateline.export.flat import Row

ARROW_TYPES = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def write_csv(rows: Iterable[Row], columns: list[Column], out: Path) -> int:
    names = [c.name for c in columns]
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def arrow_schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in columns])


def write_parquet(
    rows: Iterable[Row], columns: list[Column], out: Path, group: int = 10_000
) -> int:
    schema = arrow_schema(columns)
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for chunk in _chunks(iter(rows), group):
            data = {c.name: [row.get(c.name) for row in chunk] for c in columns}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            n += len(chunk)
    return n


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while chunk := list(islice(rows, size)):
        yield chunk
