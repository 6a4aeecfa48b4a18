"""Exports of a corpus: jsonl (the full records), csv and parquet (flat tables), gdelt and
polecat (event-data tables). Column documentation: README.md, "Export formats"."""

from __future__ import annotations

from pathlib import Path

from dateline.export import gdelt, polecat
from dateline.export.columns import TABLES
from dateline.export.flat import table_rows
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
            row
            for record in store.records()
            for row in table_rows(table, record.article, record.story_id)
        )
        writer = write_csv if fmt == "csv" else write_parquet
        return writer(rows, columns, out)
    originals = not include_duplicates
    if fmt == "gdelt":
        return gdelt.write(_with_sizes(store, originals), out, header)
    if fmt == "polecat":
        return polecat.write(store.records(originals_only=originals), out)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def _with_sizes(store: Store, originals: bool):  # type: ignore[no-untyped-def]
    """Records paired with their story sizes, looked up a page at a time."""
    from itertools import islice

    records = store.records(originals_only=originals)
    while page := list(islice(records, 200)):
        sizes = store.story_sizes({r.story_id for r in page})
        yield from ((r, sizes.get(r.story_id, (1, 1))) for r in page)
