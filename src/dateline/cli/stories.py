"""Stories: `dateline stories` lists them, `dateline story ID` shows one as a timeline."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import typer

from dateline.cli.common import (
    DbOpt,
    ReportFormatOpt,
    app,
    err,
    fail,
    open_db,
    out,
    valid_partial_date,
    valid_text,
)
from dateline.summary import titled_table

STORY_COLUMNS = ["id", "title", "first", "last", "articles", "outlets", "events"]


@app.command()
def stories(
    since: Annotated[
        str | None,
        typer.Option(
            help="Stories still running on or after (YYYY[-MM[-DD]]).",
            callback=valid_partial_date,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Stories begun up to (YYYY[-MM[-DD]]).", callback=valid_partial_date),
    ] = None,
    contains: Annotated[
        str | None, typer.Option(help="Words of the title.", callback=valid_text)
    ] = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only stories with this many articles.")
    ] = 1,
    limit: Annotated[int, typer.Option(min=1, help="Most stories to list.")] = 50,
    fmt: Annotated[
        Literal["table", "json", "csv"], typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    regroup: Annotated[
        bool,
        typer.Option(
            help="First group every stored article anew (a corpus stored before "
            "stories, or after the rules changed)."
        ),
    ] = False,
    db: DbOpt = None,
) -> None:
    """Stories of the corpus (articles of one developing story across outlets), latest first."""
    from dateline.corpus.stories import regroup as regroup_all
    from dateline.corpus.stories.read import StoryFilter, find_stories

    store = open_db(db)
    if regroup:
        n = regroup_all(store)
        err.print(f"grouped the stored articles into {n} stories", highlight=False)
    with store.engine.connect() as conn:
        rows = find_stories(conn, StoryFilter(since, until, contains, min_articles, limit))
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    from dateline.output import emit

    flat = [
        {**row, "articles": len(row["articles"]), "outlets": "; ".join(row["outlets"])}
        for row in rows
    ]
    if fmt == "csv":
        emit(flat, "csv", out, STORY_COLUMNS)
        return
    shown = [{**r, "id": r["id"][:12]} for r in flat]
    emit(shown, "table", out, STORY_COLUMNS, title="Stories")


@app.command()
def story(
    story_id: Annotated[
        str, typer.Argument(help="Story id (or a unique prefix, or an article id).")
    ],
    fmt: ReportFormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """One story: its events once each with their sources, its proposals with the stances
    taken over time, the figures outlets disagree on, and quotes several outlets printed."""
    from dateline.corpus.stories.timeline import story_view

    view = story_view(open_db(db), story_id)
    if view is None:
        raise fail(f"no story with id {story_id!r}")
    if fmt == "json":
        typer.echo(json.dumps(view, indent=2, ensure_ascii=False, default=str))
        return
    print_story(view)


def print_story(view: dict[str, Any]) -> None:
    out.rule(f"[bold]{view['title'] or '(no title)'}")
    out.print(
        f"[cyan]{'story':>10}[/cyan]  {view['id'][:12]} · {view['first']} → {view['last']} · "
        f"{len(view['articles'])} articles from {len(view['outlets'])} outlets · "
        f"{len(view['story_events'])} story events from {view['article_events']} article events",
        highlight=False,
    )
    table = titled_table("Articles", ("published", "publisher", "headline", "id"))
    for m in view["members"]:
        copy = " (rewrite)" if m["duplicate_of"] else ""
        table.add_row(
            m["published"] or "", m["publisher"] or "", (m["headline"] or "") + copy, m["id"][:12]
        )
    out.print(table)
    _print_events(view["story_events"])
    _print_proposals(view["proposals"])
    _print_figures(view["figures"])
    _print_quotes(view["quotes"])


def _print_events(events: list[dict[str, Any]]) -> None:
    columns = ("date", "type", "actor", "recipient", "articles", "sources", "mentions")
    columns += ("reported as",)
    table = titled_table("Events, once each", columns)
    for e in sorted(events, key=lambda e: (e["date"] or "9999", e["number"])):
        triggers = "; ".join(dict.fromkeys(r["trigger_text"] for r in e["reports"]))
        table.add_row(
            e["date"] or "",
            e["type"],
            "; ".join(e["actor_names"]),
            "; ".join(e["recipient_names"]),
            str(e["articles"]),
            str(e["sources"]),
            str(e["mentions"]),
            triggers,
        )
    out.print(table)


def _print_proposals(proposals: list[dict[str, Any]]) -> None:
    for p in proposals:
        by = f" by {p['proposer']}" if p["proposer"] else ""
        backers = f", backed by {', '.join(p['backers'])}" if p["backers"] else ""
        out.print(
            f"\n[bold]Proposal[/bold]: {p['name']}{by}{backers} ({len(p['articles'])} articles)",
            highlight=False,
        )
        for phase in p["phases"]:
            out.print(f"   phase {phase['n']}: {phase['text']}", highlight=False)
        columns = ("date", "actor", "stance", "conditions", "reported by", "outlet", "evidence")
        table = titled_table("Stances over time", columns)
        for s in p["stances"]:
            table.add_row(
                s["date"] or "",
                s["actor"] or "",
                s["stance"],
                "; ".join(s["conditions"]),
                s["reported_by"] or "",
                s["publisher"] or "",
                s["text"],
            )
        out.print(table)
        for pos in p["positions"]:
            moves = " → ".join(pos["moves"])
            out.print(f"   {pos['actor']}: {moves}", highlight=False)


def _print_figures(figures: list[dict[str, Any]]) -> None:
    for claim in figures:
        what = " ".join(x for x in (claim["object"], claim["predicate"]) if x)
        out.print(f"\n[bold]Figures[/bold]: {what}", highlight=False)
        for f in claim["figures"]:
            out.print(
                f"   {f['published'] or '':10}  {f['text']:40}  {f['publisher'] or ''}",
                highlight=False,
            )
        for d in claim["disagreements"]:
            out.print(
                f"   [red]disagree[/red]: {d['first']['text']} ({d['first']['publisher']}, "
                f"{d['first']['published']}) vs {d['second']['text']} "
                f"({d['second']['publisher']}, {d['second']['published']}): {d['why']}",
                highlight=False,
            )


def _print_quotes(quotes: list[dict[str, Any]]) -> None:
    for q in quotes:
        outlets = sorted({r[2] or "?" for r in q["reports"]})
        who = ", ".join(q["speakers"]) or "?"
        out.print(
            f"\n[bold]Quote[/bold] ({who}; {len(outlets)} outlets: {', '.join(outlets)}): "
            f"“{q['text']}”",
            highlight=False,
        )
