"""What every command shares: the app, consoles, one-line failures, inputs and options."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline import lexicons
from dateline.sources import ReadError, iter_documents, load_text
from dateline.sources.detect import SUPPORTED

PIPED_WIDTH = 160
app = typer.Typer(
    name="dateline",
    help="News reports to structured, verifiable event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score dateline against gold sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
# Piped or logged output has no terminal width to follow: give tables room to be read.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else PIPED_WIDTH)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear line (no traceback) and give the exit to raise."""
    err.print(f"[red]dateline:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date: expected YYYY-MM-DD, got {value!r}") from None


def expand_paths(paths: list[Path]) -> Iterator[Path | ReadError]:
    """Files named, and the supported files under folders named (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and _supported(child):
                    yield child
        elif path.exists() or str(path) == "-":
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def _supported(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else "") in SUPPORTED


def documents(paths: list[Path]):  # type: ignore[no-untyped-def]
    """Documents from paths and folders, `-` meaning standard input."""
    for path in expand_paths(paths):
        if isinstance(path, ReadError):
            yield path
        elif str(path) == "-":
            yield from load_text(sys.stdin.read(), "<stdin>")
        else:
            yield from iter_documents(path)


def use_lexicons(files: list[Path] | None) -> None:
    for file in files or []:
        if not file.is_file():
            raise fail(f"{file}: lexicon file not found")
        lexicons.add_user_lexicon(file)


ModelOpt = Annotated[str | None, typer.Option(help="spaCy model package name.")]
LexiconOpt = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="User lexicon YAML (repeatable).")
]


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL or SQLite path [default: $DATELINE_DB or dateline.db]."
    ),
]


def open_db(db: str | None, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The store at --db, with a one-line error instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from dateline.store import open_store

    try:
        return open_store(db, read_only=read_only)
    except (SQLAlchemyError, OSError) as exc:
        raise fail(f"cannot open database: {str(exc).splitlines()[0]}") from None


def shown_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
