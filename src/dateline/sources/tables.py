"""Tables of articles, Parquet and CSV/TSV: a row is a record, read a batch at a time.

The text column is `--text-column` or the first of the record keys (`text`, `body`, …) the
table has; the date and id columns likewise (`--date-column`, `--id-column`). Other columns
named as in JSON records (`title`, `url`, `source`, …) give the rest of the metadata.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.sources.base import Document, ReadError, SourceOptions
from dateline.sources.records import DATE_KEYS, TEXT_KEYS, record_item
from dateline.sources.streams import base_suffix, describe_stream_error, open_binary

_BATCH = 256
_CSV_FIELD_LIMIT = 1 << 30  # a cell may hold a whole article


@dataclass(frozen=True)
class Columns:
    text: str
    date: str | None
    id: str | None


def iter_table(path: Path, options: SourceOptions) -> Iterator[Document | ReadError]:
    """Records of a Parquet or CSV/TSV file; a row without text is a ReadError naming it."""
    name = str(path)
    parquet = base_suffix(path) == ".parquet"
    try:
        names, rows = _parquet(path) if parquet else _csv(path)
        columns = choose_columns(names, options, name)
    except ReadError as err:
        yield err
        return
    except (OSError, EOFError, pa.ArrowException) as exc:
        if parquet:
            yield ReadError(name, f"not a valid Parquet file ({exc})")
        else:
            yield ReadError(name, describe_stream_error(path, exc))
        return
    for n, row in rows:
        if isinstance(row, ReadError):
            yield row
            continue
        yield record_item(_record(row, columns), f"{name}:{n}")


def choose_columns(names: list[str], options: SourceOptions, name: str) -> Columns:
    """The columns that hold the text, date and id; a named column must exist."""
    for option, column in (
        ("--text-column", options.text_column),
        ("--date-column", options.date_column),
        ("--id-column", options.id_column),
    ):
        if column is not None and column not in names:
            shown = ", ".join(names)
            raise ReadError(name, f"no column {column!r} for {option} (columns: {shown})")
    text = options.text_column or next((k for k in TEXT_KEYS if k in names), None)
    if text is None:
        shown = ", ".join(names) or "none"
        raise ReadError(name, f"no text column (columns: {shown}); name one with --text-column")
    day = options.date_column or next((k for k in DATE_KEYS if k in names), None)
    ident = options.id_column or ("id" if "id" in names else None)
    return Columns(text, day, ident)


def _record(row: dict[str, Any], columns: Columns) -> dict[str, Any]:
    """The row as a JSON-style record: its text, date and id from the chosen columns."""
    reserved = {*TEXT_KEYS, *DATE_KEYS, "id"}
    record = {k: v for k, v in row.items() if k not in reserved}
    record["text"] = row.get(columns.text)
    if columns.date is not None:
        value = row.get(columns.date)
        record["date"] = value.isoformat() if isinstance(value, date | datetime) else value
    if columns.id is not None and row.get(columns.id) is not None:
        record["id"] = str(row[columns.id])
    return record


Rows = Iterator[tuple[int, dict[str, Any] | ReadError]]


def _parquet(path: Path) -> tuple[list[str], Rows]:
    table = pq.ParquetFile(path)
    names = list(table.schema_arrow.names)

    def rows() -> Rows:
        n = 0
        try:
            for batch in table.iter_batches(batch_size=_BATCH):
                for row in batch.to_pylist():
                    n += 1
                    yield n, row
        except (OSError, pa.ArrowException) as exc:
            yield n + 1, ReadError(f"{path}:{n + 1}", f"unreadable Parquet data ({exc})")
        finally:
            table.close()

    return names, rows()


def _csv(path: Path) -> tuple[list[str], Rows]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    stream = io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="replace", newline="")
    delimiter = "\t" if base_suffix(path) == ".tsv" else ","
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        stream.close()
        raise ReadError(str(path), f"not a valid CSV file ({exc})") from None
    if not header:
        stream.close()
        raise ReadError(str(path), "empty file")

    def rows() -> Rows:
        n = 0
        with stream:
            while True:
                n += 1
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield n, ReadError(f"{path}:{n}", f"invalid CSV row ({exc})")
                    continue
                if any(v.strip() for v in values):
                    yield n, dict(zip(header, values, strict=False))

    return header, rows()
