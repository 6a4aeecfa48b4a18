"""`dateline read` and `dateline schema`: one article at a time, no database."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import (
    LexiconOpt,
    ModelOpt,
    app,
    documents,
    err,
    fail,
    out,
    parse_date,
    use_lexicons,
)
from dateline.schema import Article, json_schema
from dateline.sources import ReadError


class ReadFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


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


@app.command()
def schema() -> None:
    """Print the JSON Schema of the article record (dateline/1)."""
    print(json_schema())
