"""The `dateline` command: one Typer app for reading, inspecting and (later) corpus work."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from dateline import lexicons
from dateline.schema import Article, json_schema
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


# -- corpus: ingest, query, export (issue 7) ----------------------------------------------

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL or SQLite path [default: $DATELINE_DB or dateline.db]."
    ),
]


def open_db(db: str | None):  # type: ignore[no-untyped-def]
    """The store at --db, with a one-line error instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from dateline.store import open_store

    try:
        return open_store(db)
    except (SQLAlchemyError, OSError) as exc:
        raise fail(f"cannot open database: {str(exc).splitlines()[0]}") from None


def shown_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files, folders (recursive), .jsonl(.gz); - for stdin.")
    ],
    db: DbOpt = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes (each loads the model).")
    ] = 1,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract stored articles whose extractor version is older.")
    ] = False,
    date_: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for undated input.")
    ] = None,
    commit_every: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 32,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Extract articles into the corpus database; safe to interrupt and to run again."""
    from dateline.corpus.ingest import Ingest
    from dateline.corpus.report import estimate_total, print_summary, progress_bar
    from dateline.pipeline import DEFAULT_MODEL

    published = parse_date(date_)
    use_lexicons(lexicon)
    store = open_db(db)
    total = estimate_total(p for p in expand_paths(paths) if not isinstance(p, ReadError))
    with progress_bar(err) as bar:
        task = bar.add_task("ingest", total=total)
        run = Ingest(
            store,
            workers=workers,
            model=model or DEFAULT_MODEL,
            lexicon_files=[str(f) for f in lexicon or []],
            reprocess=reprocess,
            commit_every=commit_every,
            progress=lambda n: bar.advance(task, n),
        )
        try:
            summary = run.run(documents(paths), published)
        except RuntimeError as exc:
            raise fail(str(exc), 1) from None
    print_summary(summary, out, shown_url(store.url), store.counts())
    store.close()
    if summary.failures:
        raise typer.Exit(1)


ExportFormat = Literal["jsonl", "csv", "parquet", "gdelt", "polecat"]
FlatTable = Literal["events", "quotes", "articles", "entities"]


@app.command("export")
def export_corpus(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOpt = None,
    table: Annotated[FlatTable, typer.Option(help="Table to write as csv or parquet.")] = "events",
    include_duplicates: Annotated[
        bool, typer.Option(help="gdelt/polecat: also export events of near-duplicate articles.")
    ] = False,
    header: Annotated[bool, typer.Option(help="gdelt: write a header row.")] = False,
) -> None:
    """Export the corpus: jsonl, csv, parquet, gdelt (61-column TSV), polecat (PLOVER TSV)."""
    from dateline.export import export

    store = open_db(db)
    n = export(store, fmt, out_path, table, include_duplicates, header)
    unit = "articles" if fmt == "jsonl" else "rows"
    err.print(f"wrote {n} {unit} to {out_path}", highlight=False)


QueryFormat = Literal["table", "json", "csv"]
QueryFormatOpt = Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")]
FilesArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Articles to read and show; without files, query the database."),
]
LimitOpt = Annotated[int, typer.Option(min=1, help="Most rows to show.")]
EVENT_SHOWN = [
    "published", "date", "type", "cameo", "actor", "recipient", "place", "trigger", "headline"
]
QUOTE_SHOWN = ["published", "speaker", "kind", "text", "cue", "channel", "headline"]


def show_rows(rows, fmt, columns, shown=None, title=None) -> None:  # type: ignore[no-untyped-def]
    """Query output in the chosen format (see dateline.output)."""
    from dateline.output import emit

    emit(rows, fmt, out, columns, shown, title)


def read_articles(paths: list[Path], model: str | None) -> list[Article]:
    """Articles of files given on the command line (read errors reported, not fatal)."""
    from dateline.pipeline import DEFAULT_MODEL, Pipeline

    try:
        pipeline = Pipeline(model or DEFAULT_MODEL)
    except RuntimeError as exc:
        raise fail(str(exc)) from None
    articles = []
    for item in pipeline.run(documents(paths)):
        if isinstance(item, ReadError):
            err.print(f"[red]dateline:[/red] {item}", highlight=False)
        else:
            articles.append(item)
    return articles


def show_articles(articles: list[Article], kind: str, fmt: str, columns, shown=None) -> None:  # type: ignore[no-untyped-def]
    """Per-file output: the summary module's table for each article where it has one
    (`events_table`, `quotes_table`, `actors_table`), else the flat rows."""
    from dateline import summary
    from dateline.export import flat

    table_of = getattr(summary, f"{kind}_table", None)
    if fmt == "table" and table_of is not None:
        for article in articles:
            out.print(table_of(article))
        return
    rows = [row for article in articles for row in getattr(flat, f"{kind[:-1]}_rows")(article)]
    show_rows(rows, fmt, columns, shown, kind.capitalize())


def stored_rows(store, keys: list[tuple[str, str]], table: str):  # type: ignore[no-untyped-def]
    """Flat rows for (article_id, item_id) keys, in the order of the keys."""
    from dateline.export.flat import table_rows

    id_column = {"events": "event_id", "quotes": "quote_id"}[table]
    wanted = {key: i for i, key in enumerate(keys)}
    rows = [
        row
        for record in store.records(sorted({a for a, _ in keys}))
        for row in table_rows(table, record.article, record.story_id)
        if (row["article_id"], row[id_column]) in wanted
    ]
    return sorted(rows, key=lambda r: wanted[(r["article_id"], r[id_column])])


@app.command()
def events(
    files: FilesArg = None,
    actor: Annotated[str | None, typer.Option(help="Source actor: name or code.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Target actor: name or code.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or CAMEO prefix (19).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO alpha-3 of an actor, target or the place.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    limit: LimitOpt = 50,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
    model: ModelOpt = None,
) -> None:
    """Events of the given articles, or of the corpus database filtered by the options."""
    from dateline.export.columns import EVENTS
    from dateline.store.query import EventFilter, find_events

    if files:
        show_articles(read_articles(files, model), "events", fmt, [c.name for c in EVENTS],
                      EVENT_SHOWN)
        return
    store = open_db(db)
    where = EventFilter(actor, recipient, type_, country, since, until, limit)
    with store.engine.connect() as conn:
        keys = find_events(conn, where)
    rows = stored_rows(store, keys, "events")
    show_rows(rows, fmt, [c.name for c in EVENTS], EVENT_SHOWN, "Events")


@app.command()
def quotes(
    files: FilesArg = None,
    speaker: Annotated[str | None, typer.Option(help="Who is quoted: name or code.")] = None,
    contains: Annotated[str | None, typer.Option(help="Words in the quote.")] = None,
    limit: LimitOpt = 50,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
    model: ModelOpt = None,
) -> None:
    """Quotes of the given articles, or of the corpus database."""
    from dateline.export.columns import QUOTES
    from dateline.store.query import find_quotes

    if files:
        show_articles(read_articles(files, model), "quotes", fmt, [c.name for c in QUOTES],
                      QUOTE_SHOWN)
        return
    store = open_db(db)
    with store.engine.connect() as conn:
        keys = find_quotes(conn, speaker, contains, limit)
    rows = stored_rows(store, keys, "quotes")
    show_rows(rows, fmt, [c.name for c in QUOTES], QUOTE_SHOWN, "Quotes")


@app.command()
def actors(
    files: FilesArg = None,
    top: Annotated[int, typer.Option(min=1, help="How many actors to list.")] = 20,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
    model: ModelOpt = None,
) -> None:
    """Actors of the given articles, or the corpus's most reported actors."""
    if files:
        columns = [
            "entity_id", "name", "type", "actor_code", "country", "sector", "titles",
            "mentions", "events_as_actor", "events_as_recipient", "quotes",
        ]
        show_articles(read_articles(files, model), "actors", fmt, columns)
        return
    from dateline.store.query import top_actors

    with open_db(db).engine.connect() as conn:
        rows = top_actors(conn, top)
    columns = [
        "name", "actor_code", "country", "sector", "stories", "articles",
        "events_as_actor", "events_as_recipient", "quotes",
    ]
    show_rows(rows, fmt, columns, title="Actors")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "exact phrases", OR, NOT.')],
    limit: LimitOpt = 20,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Full-text search over article text and quotes, best matches first, with snippets."""
    from dataclasses import asdict

    from dateline.store.fts import search as fts_search

    store = open_db(db)
    try:
        with store.engine.connect() as conn:
            hits = [asdict(h) for h in fts_search(conn, query, limit)]
    except NotImplementedError as exc:
        raise fail(str(exc)) from None
    columns = ["rank", "kind", "published", "headline", "item_id", "snippet", "article_id"]
    show_rows(hits, fmt, columns, columns[:-1], f"Search: {query}")


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
