"""A readable summary of an article for a person at a terminal (`dateline read -f text`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dateline.schema import Article


def print_summary(article: Article, console: Console) -> None:
    """Headline, metadata, then one table per kind of annotation that the article has."""
    meta = article.meta
    console.rule(f"[bold]{meta.headline or '(no headline)'}")
    facts = [
        ("published", meta.published),
        ("publisher", meta.publisher),
        ("byline", meta.byline),
        ("url", meta.url),
    ]
    if meta.dateline:
        d = meta.dateline
        facts.append(("dateline", " · ".join(x for x in (d.place, d.date, d.agency) if x)))
    for image in meta.images:
        credit = f"  [dim]({image.credit})[/dim]" if image.credit else ""
        facts.append(("image", f"{image.caption}{credit}"))
    for label, value in facts:
        if value:
            console.print(f"[cyan]{label:>10}[/cyan]  {value}", highlight=False)
    words = len(article.text.split())
    console.print(
        f"[cyan]{'text':>10}[/cyan]  {words} words · id {article.id[:12]}", highlight=False
    )

    if article.entities:
        table = Table(title="Entities", title_justify="left", show_lines=False)
        for col in ("id", "type", "name", "mentions", "titles"):
            table.add_column(col)
        for e in article.entities:
            table.add_row(e.id, e.type, e.name, str(len(e.mentions)), ", ".join(e.titles))
        console.print(table)
    if article.times:
        table = Table(title="Times", title_justify="left")
        for col in ("id", "type", "text", "value", "mod"):
            table.add_column(col)
        for t in article.times:
            table.add_row(t.id, t.type, t.text, t.value or "", t.mod or "")
        console.print(table)
    if article.quotes:
        console.print(quotes_table(article))


def quotes_table(article: Article) -> Table:
    """Who said what: speaker (entity name, else the words), kind, cue, channel and quote."""
    table = Table(title="Quotes", title_justify="left")
    for col in ("id", "speaker", "kind", "cue", "channel"):
        table.add_column(col, max_width=28, overflow="fold")
    table.add_column("quote", ratio=1, min_width=30, overflow="fold")
    for q in article.quotes:
        entity = article.entity(q.speaker)
        speaker = entity.name if entity else (q.speaker_text or "")
        table.add_row(q.id, speaker, q.kind, q.cue or "", q.channel or "", q.text)
    return table
