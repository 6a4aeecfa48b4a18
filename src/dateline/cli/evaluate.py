"""`dateline eval`: score dateline against gold sets (a feature users need too)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.cli.common import ModelOpt, ReportFormatOpt, eval_app, fail, out
from dateline.sources import ReadError


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


CorpusOpt = Annotated[Path | None, typer.Option(help="JSONL corpus holding the gold's doc_ids.")]


def _corpus_of(gold: Path, corpus: Path | None) -> Path:
    """The corpus named, else the one beside the gold's folder; both must exist."""
    from dateline.eval.articles import default_corpus

    corpus = corpus or default_corpus(gold)
    for path in (gold, corpus):
        if not path.is_file():
            raise fail(f"{path}: no such file")
    return corpus


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[Path, typer.Argument(help="Gold quotes, JSONL: doc_id, kind, speaker, text.")],
    corpus: CorpusOpt = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses and wrong speakers.")
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Score quotes: span P/R/F1 by kind (overlap >= 0.5) and speaker accuracy when matched."""
    from dateline.eval import quotes as ev
    from dateline.pipeline import DEFAULT_MODEL, Pipeline

    corpus = _corpus_of(gold, corpus)
    try:
        report, missing = ev.evaluate(gold, corpus, Pipeline(model or DEFAULT_MODEL))
    except (ValueError, RuntimeError) as exc:
        raise fail(str(exc)) from None
    if errors:
        ev.print_errors(report, out)
    ev.print_report(report, out, missing=missing)


@eval_app.command("events")
def eval_events(
    gold: Annotated[
        Path, typer.Argument(help="Gold events, JSONL: doc_id, type, actor, recipient, date.")
    ],
    corpus: CorpusOpt = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses, extras and wrong dates by article.")
    ] = False,
    fmt: ReportFormatOpt = "table",
    model: ModelOpt = None,
) -> None:
    """Score events on whole articles: P/R/F1 (type + actor + recipient), macro F1, per type,
    date accuracy on matched events."""
    from dateline.eval import events_report as report_
    from dateline.eval.events import evaluate, load_gold
    from dateline.pipeline import DEFAULT_MODEL, Pipeline

    corpus = _corpus_of(gold, corpus)
    try:
        events = load_gold(gold)  # a bad gold line fails before the model loads
        report = evaluate(events, corpus, Pipeline(model or DEFAULT_MODEL))
    except (ValueError, RuntimeError) as exc:
        raise fail(str(exc)) from None
    if fmt == "json":
        typer.echo(json.dumps(report_.as_dict(report, errors=errors), indent=2, ensure_ascii=False))
        return
    if errors:
        report_.print_errors(report, out)
    report_.print_report(report, out)


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[Path, typer.Argument(help="Gold stories, JSONL: story, ids.")],
    corpus: CorpusOpt = None,
    db: Annotated[
        str | None,
        typer.Option(help="Database to ingest into and keep [default: a scratch SQLite file]."),
    ] = None,
    regroup: Annotated[
        bool, typer.Option(help="Group the stored articles anew before scoring.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the ingest.")] = 1,
    errors: Annotated[
        bool, typer.Option("--errors", help="List merging stories, wrong and missed pairs.")
    ] = False,
    fmt: ReportFormatOpt = "table",
    model: ModelOpt = None,
) -> None:
    """Score story grouping: pairwise P/R/F1 of "same story", B-cubed F1, and stories that
    merge gold stories. The corpus goes through the real incremental ingest, in its order."""
    import tempfile

    from dateline.cli.common import open_db
    from dateline.eval import stories as ev

    corpus = _corpus_of(gold, corpus)
    with tempfile.TemporaryDirectory() as scratch:
        store = open_db(db or f"sqlite:///{Path(scratch) / 'stories.db'}", create=True)
        try:
            report, titles = ev.evaluate(
                gold, corpus, store, workers=workers, model=model, regroup_first=regroup
            )
        except (ValueError, RuntimeError) as exc:
            raise fail(str(exc)) from None
        finally:
            store.close()
    if fmt == "json":
        typer.echo(json.dumps(ev.as_dict(report, errors=errors), indent=2, ensure_ascii=False))
        return
    ev.print_report(report, out, titles, errors)
