"""Exports of a corpus: jsonl (the full records), csv and parquet (flat tables), gdelt and
polecat (event-data tables). Column documentation: README.md, "Export formats"."""

from __future__ import annotations

from pathlib import Path

from dateline.export import gdelt, polecat
from dateline.export.columns import TABLES
from dateline.export.flat import table_rows
from dateline.export.selection import events_to_write, story_rows
from dateline.export.tabular import write_csv, write_parquet
from dateline.store import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "polecat")


def export(
    store: Store,
    fmt: str,
    out: Path,
    table: str = "events",
    include_duplicates: bool = False,
    header: bool = False,
) -> int:
    """Write the corpus to `out`; returns the number of records (lines or rows) written.

    Near-duplicates are left out of the event-data formats (gdelt, polecat) unless
    `include_duplicates`; the flat tables keep every article and carry `story_id` instead.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        n = 0
        with open(out, "w", encoding="utf-8") as handle:
            for record in store.records():
                handle.write(record.article.model_dump_json() + "\n")
                n += 1
        return n
    if fmt in ("csv", "parquet"):
        columns = TABLES[table]
        rows = (
            story_rows(store)
            if table == "stories"
            else (
                row
                for record in store.records()
                for row in table_rows(table, record.article, record.story_id)
            )
        )
        writer = write_csv if fmt == "csv" else write_parquet
        return writer(rows, columns, out)
    if fmt == "gdelt":
        return gdelt.write(events_to_write(store, include_duplicates), out, header)
    if fmt == "polecat":
        return polecat.write(events_to_write(store, include_duplicates), out)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
