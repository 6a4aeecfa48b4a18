"""`dateline ingest`: sources in, corpus out (a database, or Parquet shards), on this machine
or on a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    use_lexicons,
    valid_text,
)
from dateline.sources import ReadError, SourceItem, SourceOptions
from dateline.sources.base import MAX_CHARS

if TYPE_CHECKING:
    from dateline.sources.fetch import Fetcher


def valid_cluster(value: str | None) -> str | None:
    if value is not None:
        from dateline.corpus.cluster import parse_cluster

        try:
            parse_cluster(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


def valid_out_dir(value: Path | None) -> Path | None:
    if value is not None and value.exists() and not value.is_dir():
        raise typer.BadParameter(f"{value} is a file, not a folder")
    return value


def valid_feed_lists(value: list[Path] | None) -> list[Path] | None:
    for path in value or []:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such file")
    return value


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files and folders (recursive): text, Markdown, HTML, JSON, .jsonl (.gz, .zst), "
            ".warc (.gz), .rss/.atom/.xml feeds, .parquet, .csv/.tsv; - for stdin."
        ),
    ] = None,
    db: DbOpt = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes (each loads the model).")
    ] = 1,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Extract on Dask: local, local:N (N worker processes) or tcp://HOST:PORT.",
            callback=valid_cluster,
        ),
    ] = None,
    out_parquet: Annotated[
        Path | None,
        typer.Option(
            "--out-parquet",
            help="Write each partition's flat tables as Parquet shards in this folder, "
            "instead of a database.",
            callback=valid_out_dir,
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many articles read.")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract stored articles whose extractor version is older.")
    ] = False,
    date_: DateOpt = None,
    commit_every: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 32,
    text_column: Annotated[
        str | None,
        typer.Option(help="Parquet/CSV: the column with the article text.", callback=valid_text),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(help="Parquet/CSV: the column that names a row.", callback=valid_text),
    ] = None,
    date_column: Annotated[
        str | None,
        typer.Option(
            help="Parquet/CSV: the column with the publication date.", callback=valid_text
        ),
    ] = None,
    feeds: Annotated[
        list[Path] | None,
        typer.Option(
            "--feeds",
            help="A file listing RSS/Atom feed URLs, one a line (needs --fetch).",
            callback=valid_feed_lists,
        ),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch feeds and the articles feeds only link to.")
    ] = False,
    fetch_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds to wait for a server when fetching.")
    ] = 20.0,
    fetch_delay: Annotated[
        float, typer.Option(min=0.0, help="Seconds between two requests to the same host.")
    ] = 1.0,
    user_agent: Annotated[
        str | None,
        typer.Option(
            help="User-Agent sent when fetching [default: dateline/VERSION].", callback=valid_text
        ),
    ] = None,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
    language_check: LanguageCheckOpt = Switch.on,
    max_chars: MaxCharsOpt = MAX_CHARS,
) -> None:
    """Extract articles into the corpus database; safe to interrupt and to run again."""
    from dateline.corpus.ingest import Ingest
    from dateline.corpus.report import (
        database_footer,
        estimate_total,
        print_summary,
        progress_bar,
        shards_footer,
    )
    from dateline.pipeline import DEFAULT_MODEL

    _check_combinations(ctx, paths, db, workers, cluster, out_parquet, reprocess, feeds, fetch)
    published = parse_date(date_)
    use_lexicons(lexicon)
    options = SourceOptions(
        text_column, id_column, date_column, _fetcher(fetch, fetch_timeout, fetch_delay, user_agent)
    )
    store = None if out_parquet else open_db(db, create=True)
    found = [p for p in expand_paths(paths or []) if not isinstance(p, ReadError)]
    total = None if feeds else estimate_total(found, limit)
    lexicon_files = [str(f) for f in lexicon or []]
    model = model or DEFAULT_MODEL
    with _cluster(cluster, model, lexicon_files) as client, progress_bar(err) as bar:
        task = bar.add_task("ingest", total=total)
        run = Ingest(
            store,
            workers=workers,
            model=model,
            lexicon_files=lexicon_files,
            reprocess=reprocess,
            commit_every=commit_every,
            progress=lambda n: bar.advance(task, n),
            options=read_options(max_chars, language_check),
            limit=limit,
            cluster=client,
            out_dir=str(out_parquet) if out_parquet else None,
        )
        try:
            summary = run.run(_items(paths or [], feeds or [], options), published)
        except RuntimeError as exc:
            raise fail(str(exc), 1) from None
    if store is None:
        print_summary(summary, out, shards_footer(out_parquet, summary))
    else:
        print_summary(summary, out, database_footer(store.shown_url, store.counts()))
        store.close()
    if summary.failures:
        raise typer.Exit(1)


def _check_combinations(
    ctx: typer.Context,
    paths: list[Path] | None,
    db: str | None,
    workers: int,
    cluster: str | None,
    out_parquet: Path | None,
    reprocess: bool,
    feeds: list[Path] | None,
    fetch: bool,
) -> None:
    """Options that exclude or need each other: one line naming the option, status 2."""

    def bad(option: str, message: str) -> typer.BadParameter:
        return typer.BadParameter(message, ctx=ctx, param_hint=f"'{option}'")

    if not paths and not feeds:
        raise bad("paths", "give files or folders to read (or --feeds with --fetch)")
    if feeds and not fetch:
        raise bad("--feeds", "reading feeds from their URLs needs --fetch")
    if cluster is not None and workers > 1:
        raise bad("--workers", "on a cluster, say the workers with --cluster local:N")
    if out_parquet is not None and db is not None:
        raise bad("--out-parquet", "writes Parquet shards instead of a database: leave out --db")
    if out_parquet is not None and reprocess:
        raise bad("--reprocess", "re-extracts stored articles, and --out-parquet stores none")


def _fetcher(fetch: bool, timeout: float, delay: float, user_agent: str | None) -> Fetcher | None:
    if not fetch:
        return None
    from dateline.sources.fetch import USER_AGENT, Fetcher

    return Fetcher(timeout=timeout, delay=delay, user_agent=user_agent or USER_AGENT)


def _items(paths: list[Path], feeds: list[Path], options: SourceOptions) -> Iterator[SourceItem]:
    from dateline.sources.feeds import iter_feed_list

    lists = (item for path in feeds for item in iter_feed_list(path, options.fetcher))
    return chain(documents(paths, options) if paths else (), lists)


def _cluster(value: str | None, model: str, lexicon_files: list[str]):  # type: ignore[no-untyped-def]
    """A Dask client for --cluster (None without it); failing to start or reach one is a
    one-line error."""
    if value is None:
        return nullcontext(None)
    from dateline.corpus.cluster import connect, parse_cluster

    return _reported(connect(parse_cluster(value), model, lexicon_files), value)


class _reported:
    """Enter a context manager; an error while entering is one line, not a traceback."""

    def __init__(self, manager, value: str) -> None:  # type: ignore[no-untyped-def]
        self.manager = manager
        self.value = value

    def __enter__(self):  # type: ignore[no-untyped-def]
        try:
            return self.manager.__enter__()
        except (OSError, TimeoutError, RuntimeError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise fail(f"ingest: cannot use the Dask cluster {self.value} ({reason})", 1) from None

    def __exit__(self, *exc: object) -> None:
        self.manager.__exit__(*exc)
