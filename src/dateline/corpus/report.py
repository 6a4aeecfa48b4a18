"""What a person sees during and after `dateline ingest`: a progress bar and a summary."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow.parquet as pq
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from dateline.corpus.ingest import Summary
from dateline.sources.detect import FEED_EXT, LINES_EXT, TABLE_EXT, WARC_EXT
from dateline.sources.streams import COMPRESSED, base_suffix

_COUNTED_BYTES = 64 << 20


class RateColumn(ProgressColumn):
    """Documents per second over the recent window (Rich's own speed estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f} articles/s" if speed else "    … articles/s", style="cyan")


def progress_bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def estimate_total(paths: Iterable[Path], limit: int | None = None) -> int | None:
    """Documents to expect, for the ETA, without reading what is large: lines of plain
    JSONL files up to 64 MB, rows of Parquet files (from their footer), one per other file.

    None when unknown (standard input, compressed JSONL, WARC, feeds, CSV), unless `limit`.
    """
    total: int | None = 0
    for path in paths:
        known = _documents_in(path)
        total = None if known is None or total is None else total + known
    if limit is not None:
        return limit if total is None else min(total, limit)
    return total


def _documents_in(path: Path) -> int | None:
    if str(path) == "-":
        return None
    ext = base_suffix(path)
    compressed = path.suffix.lower() in COMPRESSED
    try:
        if ext == ".parquet":
            return pq.ParquetFile(path).metadata.num_rows
        if ext in LINES_EXT and not compressed and path.stat().st_size <= _COUNTED_BYTES:
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
    except (OSError, ValueError):
        return 1
    if ext in LINES_EXT | WARC_EXT | FEED_EXT | TABLE_EXT:
        return None
    return 1


def print_summary(summary: Summary, console: Console, footer: str) -> None:
    """The end-of-run report: what was stored, skipped and linked, and every failure's reason;
    `footer` says where it all went (the database's totals, or the shard folder)."""
    rate = f"{summary.rate:.1f} articles/s" if summary.extracted else "nothing to extract"
    console.print(
        f"[bold]{summary.documents} documents[/bold] in {summary.seconds:.1f} s ({rate})",
        highlight=False,
    )
    passed_over = ", ".join(f"{n} {why}" for why, n in summary.not_articles.most_common())
    lines = [
        ("articles stored", summary.stored, "new" if not summary.shards else "in Parquet shards"),
        ("reprocessed", summary.reprocessed, "re-extracted with a newer extractor"),
        ("skipped", summary.skipped, "already stored (same text)"),
        ("near-duplicates", summary.duplicates, "linked to the story they rewrite"),
        ("other language", summary.other_language, "kept with metadata, not annotated"),
        ("not articles", sum(summary.not_articles.values()), passed_over),
        ("events", summary.events, ""),
        ("quotes", summary.quotes, ""),
        ("failures", len(summary.failures), ""),
    ]
    for label, value, note in lines:
        style = "red" if label == "failures" and value else "cyan"
        note = f"  [dim]{escape(note)}[/dim]" if note else ""
        console.print(f"  [{style}]{label:>16}[/{style}]  {value:>7}{note}", highlight=False)
    for failure in summary.failures:
        console.print(
            f"    [red]✗[/red] {escape(failure.name)}: {escape(failure.reason)}", highlight=False
        )
    console.print(f"[dim]{escape(footer)}[/dim]", highlight=False)


def database_footer(database: str, totals: dict[str, int]) -> str:
    return (
        f"{database}: {totals.get('articles', 0)} articles, {totals.get('events', 0)} events, "
        f"{totals.get('quotes', 0)} quotes in total"
    )


def shards_footer(out_dir: Path, summary: Summary) -> str:
    tables = ", ".join(f"{table} {n}" for table, n in sorted(summary.rows.items()))
    return f"{out_dir}: {summary.shards} shards written in this run (rows: {tables or 'none'})"
