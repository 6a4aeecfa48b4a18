"""What every command shares: the app, consoles, one-line failures, inputs and options."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

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


def report(message: object) -> None:
    """One error line on stderr. The message is escaped: file names and database errors
    hold brackets that Rich would otherwise read as (broken) markup."""
    err.print(f"[red]dateline:[/red] {escape(str(message))}", highlight=False)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear line (no traceback) and give the exit to raise."""
    report(message)
    return typer.Exit(code)


def parse_date(value: str | None) -> date | None:
    """A --date already checked by `valid_date`."""
    return None if value is None else date.fromisoformat(value)


# Option checks: each raises typer.BadParameter, which `dateline.cli.run` prints as one line
# naming the option, with exit status 2 (as for every other usage error).
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CAMEO = re.compile(r"^\d{1,4}$")


def valid_date(value: str | None) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None
    return value


def valid_partial_date(value: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, each a real date."""
    if value is None:
        return None
    match = _PARTIAL_DATE.match(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        date(year, month, day)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None
    return value


def valid_event_type(value: str | None) -> str | None:
    """A PLOVER type (any case) or a CAMEO code prefix of digits."""
    from typing import get_args

    from dateline.schema import EventType

    if value is None:
        return None
    kind = value.strip()
    if kind.upper() in get_args(EventType) or _CAMEO.match(kind):
        return kind
    raise typer.BadParameter(
        f"{value!r} is neither a PLOVER type ({', '.join(get_args(EventType))}) "
        "nor a CAMEO code prefix (digits, e.g. 19)"
    )


def valid_country(value: str | None) -> str | None:
    """An ISO 3166 alpha-3 code (or one the countries lexicon knows, such as XKX)."""
    import pycountry

    if value is None:
        return None
    code = value.strip().upper()
    if code in lexicons.load("countries") or pycountry.countries.get(alpha_3=code):
        return code
    raise typer.BadParameter(f"{value!r} is not an ISO 3166 alpha-3 country code (e.g. FRA)")


def valid_text(value: str | None) -> str | None:
    """A filter that must say something: an empty or blank one would match everything."""
    if value is not None and not value.strip():
        raise typer.BadParameter("must not be empty")
    return value


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


class Switch(StrEnum):
    on = "on"
    off = "off"


LanguageCheckOpt = Annotated[
    Switch,
    typer.Option(
        "--language-check",
        help="off: annotate every article as English, whatever language it is detected in.",
    ),
]
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        envvar="DATELINE_MAX_CHARS",
        help="Longest article text in characters; a longer one is reported, not read.",
    ),
]


def read_options(max_chars: int, language_check: Switch):  # type: ignore[no-untyped-def]
    """The pipeline's ReadOptions from the command line."""
    from dateline.pipeline import ReadOptions

    return ReadOptions(max_chars=max_chars, language_check=language_check is Switch.on)


def valid_model(value: str | None) -> str | None:
    """An installed spaCy model package (or a model folder)."""
    from spacy.util import is_package

    if value is not None and not (is_package(value) or Path(value).is_dir()):
        raise typer.BadParameter(f"spaCy model {value!r} is not installed")
    return value


DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="Publication date YYYY-MM-DD (overrides metadata).", callback=valid_date
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option(help="spaCy model package name.", callback=valid_model)
]
LexiconOpt = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="User lexicon YAML (repeatable).")
]


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL or SQLite path [default: $DATELINE_DB or dateline.db]."
    ),
]


def open_db(db: str | None, create: bool = False, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The store at --db, with a one-line error instead of a traceback.

    Only `ingest` creates a database; queries, exports and `serve` against a missing one say
    so. `read_only` (serve) makes the database refuse every write.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from dateline.store import DatabaseError, open_store
    from dateline.store.engine import describe_failure

    try:
        return open_store(db, create=create, read_only=read_only)
    except DatabaseError as exc:
        raise fail(str(exc)) from None
    except (SQLAlchemyError, OSError) as exc:
        raise fail(describe_failure(db, exc)) from None
