"""What a person sees during and after `dateline ingest`: a progress bar and a summary."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
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

_LINE_FORMATS = {".jsonl", ".ndjson"}


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


def estimate_total(paths: Iterable[Path]) -> int | None:
    """Documents to expect, for the ETA: lines of JSONL files, one per other file.

    None when reading standard input (unknown length).
    """
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        suffixes = [s.lower() for s in path.suffixes]
        gz = bool(suffixes) and suffixes[-1] == ".gz"
        ext = (suffixes[-2] if gz and len(suffixes) > 1 else suffixes[-1]) if suffixes else ""
        if ext in _LINE_FORMATS:
            try:
                opener = gzip.open if gz else open
                with opener(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def print_summary(
    summary: Summary, console: Console, database: str, totals: dict[str, int]
) -> None:
    """The end-of-run report: what was stored, skipped and linked, and every failure's reason."""
    rate = f"{summary.rate:.1f} articles/s" if summary.extracted else "nothing to extract"
    console.print(
        f"[bold]{summary.documents} documents[/bold] in {summary.seconds:.1f} s ({rate})",
        highlight=False,
    )
    lines = [
        ("articles stored", summary.stored, "new"),
        ("reprocessed", summary.reprocessed, "re-extracted with a newer extractor"),
        ("skipped", summary.skipped, "already stored (same text)"),
        ("near-duplicates", summary.duplicates, "linked to the story they rewrite"),
        ("other language", summary.other_language, "kept with metadata, not annotated"),
        ("events", summary.events, ""),
        ("quotes", summary.quotes, ""),
        ("failures", len(summary.failures), ""),
    ]
    for label, value, note in lines:
        style = "red" if label == "failures" and value else "cyan"
        note = f"  [dim]{note}[/dim]" if note else ""
        console.print(f"  [{style}]{label:>16}[/{style}]  {value:>7}{note}", highlight=False)
    for failure in summary.failures:
        console.print(f"    [red]✗[/red] {failure.name}: {failure.reason}", highlight=False)
    console.print(
        f"[dim]{database}: {totals.get('articles', 0)} articles, {totals.get('events', 0)} events, "
        f"{totals.get('quotes', 0)} quotes in total[/dim]",
        highlight=False,
    )
