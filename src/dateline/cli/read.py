"""`dateline read` and `dateline schema`: one article at a time, no database."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import (
    DateOpt,
    LanguageCheckOpt,
    LexiconOpt,
    MaxCharsOpt,
    ModelOpt,
    Switch,
    app,
    documents,
    fail,
    out,
    parse_date,
    read_options,
    report,
    use_lexicons,
)
from dateline.schema import Article, json_schema
from dateline.sources import ReadError
from dateline.sources.base import MAX_CHARS


class ReadFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command()
def read(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders; - for standard input.")],
    date_: DateOpt = None,
    fmt: Annotated[
        ReadFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReadFormat.text,
    model: ModelOpt = None,
    lexicon: LexiconOpt = None,
    language_check: LanguageCheckOpt = Switch.on,
    max_chars: MaxCharsOpt = MAX_CHARS,
) -> None:
    """Read articles and print them as JSON (the dateline/1 record) or as a summary."""
    from dateline.pipeline import DEFAULT_MODEL, Pipeline
    from dateline.summary import print_summary

    published = parse_date(date_)
    use_lexicons(lexicon)
    try:
        pipeline = Pipeline(model or DEFAULT_MODEL, options=read_options(max_chars, language_check))
    except RuntimeError as exc:
        raise fail(str(exc)) from None
    failures: list[ReadError] = []
    articles: list[Article] = []
    for item in pipeline.run(documents(paths), published):
        if isinstance(item, ReadError):
            failures.append(item)
            report(item)
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
