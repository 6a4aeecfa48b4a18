"""Rows to the terminal: a Rich table for people, JSON or CSV for programs."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    console: Console,
    columns: Sequence[str],
    shown: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print `rows`: every column in json/csv, the `shown` subset in a table."""
    if fmt == "json":
        for row in rows:
            print(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in shown or columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(name)) for name in shown or columns))
    console.print(table)
    if not rows:
        console.print("[dim](no matches)[/dim]")


def _cell(value: Any) -> Text:
    """Plain text, never Rich markup (headlines and snippets contain brackets); the
    [matched words] of search snippets are highlighted."""
    if value is None:
        return Text("")
    if isinstance(value, float):
        return Text(f"{value:.2f}" if abs(value) < 1000 else f"{value:.0f}")
    text = Text(str(value))
    text.highlight_regex(r"\[[^\]\n]+\]", "bold yellow")
    return text
