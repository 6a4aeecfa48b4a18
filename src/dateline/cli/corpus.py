"""Corpus commands: ingest, export, and the queries (events, quotes, actors, search)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from dateline.cli.common import (
    DateOpt,
    DbOpt,
    LanguageCheckOpt,
    LexiconOpt,
    MaxCharsOpt,
    ModelOpt,
    Switch,
    app,
    documents,
    err,
    expand_paths,
    fail,
    open_db,
    out,
    parse_date,
    read_options,
    report,
    use_lexicons,
    valid_country,
    valid_date,
    valid_event_type,
    valid_partial_date,
    valid_text,
)
from dateline.schema import Article
from dateline.sources import ReadError
from dateline.sources.base import MAX_CHARS


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
    date_: DateOpt = None,
    commit_every: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 32,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
    language_check: LanguageCheckOpt = Switch.on,
    max_chars: MaxCharsOpt = MAX_CHARS,
) -> None:
    """Extract articles into the corpus database; safe to interrupt and to run again."""
    from dateline.corpus.ingest import Ingest
    from dateline.corpus.report import estimate_total, print_summary, progress_bar
    from dateline.pipeline import DEFAULT_MODEL

    published = parse_date(date_)
    use_lexicons(lexicon)
    store = open_db(db, create=True)
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
            options=read_options(max_chars, language_check),
        )
        try:
            summary = run.run(documents(paths), published)
        except RuntimeError as exc:
            raise fail(str(exc), 1) from None
    print_summary(summary, out, store.shown_url, store.counts())
    store.close()
    if summary.failures:
        raise typer.Exit(1)


ExportFormat = Literal["jsonl", "csv", "parquet", "gdelt", "polecat"]
FlatTable = Literal["events", "quotes", "articles", "entities", "amounts"]


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
    "published",
    "date",
    "type",
    "cameo",
    "actor",
    "recipient",
    "place",
    "trigger",
    "headline",
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
            report(item)
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


@app.command()
def events(
    files: FilesArg = None,
    actor: Annotated[
        str | None, typer.Option(help="Source actor: name or code.", callback=valid_text)
    ] = None,
    recipient: Annotated[
        str | None, typer.Option(help="Target actor: name or code.", callback=valid_text)
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type", help="PLOVER type (ASSAULT) or CAMEO prefix (19).", callback=valid_event_type
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="ISO alpha-3 of an actor, target or the place.", callback=valid_country),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date (YYYY-MM-DD).", callback=valid_date)
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Up to this date (YYYY[-MM[-DD]]).", callback=valid_partial_date),
    ] = None,
    limit: LimitOpt = 50,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
    model: ModelOpt = None,
) -> None:
    """Events of the given articles, or of the corpus database filtered by the options."""
    from dateline.export.columns import EVENTS
    from dateline.export.flat import stored_rows
    from dateline.store.query import EventFilter, find_events

    if files:
        show_articles(
            read_articles(files, model), "events", fmt, [c.name for c in EVENTS], EVENT_SHOWN
        )
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
    speaker: Annotated[
        str | None, typer.Option(help="Who is quoted: name or code.", callback=valid_text)
    ] = None,
    contains: Annotated[
        str | None, typer.Option(help="Words in the quote.", callback=valid_text)
    ] = None,
    limit: LimitOpt = 50,
    fmt: QueryFormatOpt = "table",
    db: DbOpt = None,
    model: ModelOpt = None,
) -> None:
    """Quotes of the given articles, or of the corpus database."""
    from dateline.export.columns import QUOTES
    from dateline.export.flat import stored_rows
    from dateline.store.query import find_quotes

    if files:
        show_articles(
            read_articles(files, model), "quotes", fmt, [c.name for c in QUOTES], QUOTE_SHOWN
        )
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
            "entity_id",
            "name",
            "type",
            "actor_code",
            "country",
            "sector",
            "titles",
            "mentions",
            "events_as_actor",
            "events_as_recipient",
            "quotes",
        ]
        show_articles(read_articles(files, model), "actors", fmt, columns)
        return
    from dateline.store.query import top_actors

    with open_db(db).engine.connect() as conn:
        rows = top_actors(conn, top)
    columns = [
        "name",
        "actor_code",
        "country",
        "sector",
        "stories",
        "articles",
        "events_as_actor",
        "events_as_recipient",
        "quotes",
    ]
    show_rows(rows, fmt, columns, title="Actors")


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words, "exact phrases", OR, NOT.', callback=valid_text)
    ],
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
