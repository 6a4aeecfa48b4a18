"""The `dateline` command: one Typer app, one module per command group."""

from __future__ import annotations

# Typer lists commands in the order they are registered: reading first, then the corpus.
from dateline.cli import read

# isort: split
from dateline.cli import corpus, evaluate, serve, stories
from dateline.cli.common import app

__all__ = ["app", "corpus", "evaluate", "main", "read", "serve", "stories"]


def main() -> None:
    app()
