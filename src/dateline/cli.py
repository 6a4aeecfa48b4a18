"""The `dateline` command: one Typer app for reading, inspecting and (later) corpus work."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline import lexicons
from dateline.schema import Article, json_schema
from dateline.sources import ReadError, iter_documents, load_text
from dateline.sources.detect import SUPPORTED

app = typer.Typer(
    name="dateline",
    help="News reports to structured, verifiable event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score dateline against gold sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class ReadFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


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


@app.command()
def read(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders; - for standard input.")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD (overrides metadata).")
    ] = None,
    fmt: Annotated[
        ReadFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReadFormat.text,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Read articles and print them as JSON (the dateline/1 record) or as a summary."""
    from dateline.pipeline import DEFAULT_MODEL, Pipeline
    from dateline.summary import print_summary

    published = parse_date(date_)
    use_lexicons(lexicon)
    try:
        pipeline = Pipeline(model or DEFAULT_MODEL)
    except RuntimeError as exc:
        raise fail(str(exc)) from None
    failures: list[ReadError] = []
    articles: list[Article] = []
    for item in pipeline.run(documents(paths), published):
        if isinstance(item, ReadError):
            failures.append(item)
            err.print(f"[red]dateline:[/red] {item}", highlight=False)
            continue
        if fmt is ReadFormat.text:
            print_summary(item, out)
        elif fmt is ReadFormat.jsonl:
            print(item.model_dump_json())
        else:
            articles.append(item)
    if fmt is ReadFormat.json:
        if len(articles) == 1:
            print(articles[0].model_dump_json(indent=2))
        else:
            for article in articles:
                print(article.model_dump_json())
    if failures:
        raise typer.Exit(2)


@eval_app.command("plover")
def eval_plover(
    gold: Annotated[Path, typer.Argument(help="PLOVER gold-standard records (JSON).")],
    actors: Annotated[
        bool, typer.Option("--actors", help="Score only the actor countries of gold actors.")
    ] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss.")] = False,
    model: ModelOpt = None,
) -> None:
    """Score event types (P/R/F1, confusion) or, with --actors, actor countries."""
    from dateline.eval.plover import load_records, score_actors, score_events
    from dateline.pipeline import DEFAULT_MODEL, Pipeline
    from dateline.sources.base import Block, Document

    if not gold.is_file():
        raise fail(f"{gold}: no such file")
    try:
        records = load_records(gold)
    except (ValueError, KeyError) as exc:
        raise fail(f"{gold}: not PLOVER gold records ({exc.__class__.__name__})") from None
    docs = [Document(r["id"], "json", [Block("para", [(r["text"], False)])]) for r in records]
    articles = [
        a for a in Pipeline(model or DEFAULT_MODEL).run(docs) if not isinstance(a, ReadError)
    ]
    if actors:
        report = score_actors(records, articles)
        if errors:
            for g, name, predicted in report.errors:
                out.print(
                    f"{g.record} {g.role:6} {g.text!r:40} gold {g.code:4} "
                    f"got {predicted or '-':4} ({name})",
                    highlight=False,
                )
        out.print(
            f"actor country accuracy: {report.correct}/{report.total} = "
            f"{report.accuracy:.3f} (unmatched {report.unmatched})",
            highlight=False,
        )
        return
    from dateline.summary import plover_report

    events = score_events(records, articles)
    if errors:
        for rid, gold_type, predicted, text in events.errors:
            out.print(f"{rid} gold {gold_type} got {predicted or '-'}: {text}", highlight=False)
    plover_report(events, out)


@eval_app.command("timeml")
def eval_timeml(
    folder: Annotated[Path, typer.Argument(help="Folder of TimeML (.tml) files with gold TIMEX3.")],
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses, false alarms and wrong values.")
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Score the times stage on TimeML gold (DCT as the date): span, type and value F1."""
    from dateline.eval import timeml

    if not folder.is_dir():
        raise fail(f"{folder}: not a folder")
    docs = timeml.load_folder(folder)
    if not docs:
        raise fail(f"{folder}: no .tml files")
    try:
        predict = timeml.dateline_predictor(model)
    except RuntimeError as exc:
        raise fail(str(exc)) from None
    wide = Console(soft_wrap=True, width=max(out.width, timeml.WIDTH))
    timeml.print_report(timeml.evaluate(docs, predict), wide, errors=errors)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the article record (dateline/1)."""
    print(json_schema())


# --- quotes (issue 4) ---------------------------------------------------------------------------


@app.command("quotes")
def quotes_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders; - for standard input.")
    ] = None,
    date_: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD.")
    ] = None,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Print who said what: speaker, kind, cue, channel and quote, one table per article."""
    from dateline.pipeline import DEFAULT_MODEL, Pipeline
    from dateline.summary import quotes_table

    if not paths:
        raise fail("no files given (querying the store comes with the store)")
    use_lexicons(lexicon)
    try:
        pipeline = Pipeline(model or DEFAULT_MODEL)
    except RuntimeError as exc:
        raise fail(str(exc)) from None
    failed = False
    for item in pipeline.run(documents(paths), parse_date(date_)):
        if isinstance(item, ReadError):
            failed = True
            err.print(f"[red]dateline:[/red] {item}", highlight=False)
        else:
            out.print(quotes_table(item))
    if failed:
        raise typer.Exit(2)


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[Path, typer.Argument(help="Gold quotes, JSONL: doc_id, kind, speaker, text.")],
    corpus: Annotated[
        Path | None, typer.Option(help="JSONL corpus holding the gold's doc_ids.")
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses and wrong speakers.")
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Score quotes: span P/R/F1 by kind (overlap >= 0.5) and speaker accuracy when matched."""
    from dateline.eval import quotes as ev
    from dateline.pipeline import DEFAULT_MODEL, Pipeline

    corpus = corpus or ev.default_corpus(gold)
    for path in (gold, corpus):
        if not path.is_file():
            raise fail(f"{path}: no such file")
    try:
        report, missing = ev.evaluate(gold, corpus, Pipeline(model or DEFAULT_MODEL))
    except (ValueError, RuntimeError) as exc:
        raise fail(str(exc)) from None
    if errors:
        ev.print_errors(report, out)
    ev.print_report(report, out, missing=missing)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
