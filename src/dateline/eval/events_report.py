"""The figures of `dateline eval events` for people (Rich tables, error lists) and for scripts
(a dict that `--format json` writes)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from dateline.eval.events import (
    ArticleResult,
    GoldEvent,
    Participant,
    Report,
    Unit,
    same_date,
)
from dateline.eval.metrics import Tally, ratio


def as_dict(report: Report, errors: bool = False) -> dict[str, Any]:
    """Every figure the tables show, keyed for scripts; with `errors`, the error lists too."""
    correct, total = report.dates
    out: dict[str, Any] = {
        "articles": len(report.articles),
        **_figures(report.overall),
        "macro_f1": report.macro_f1,
        "date": {"correct": correct, "total": total, "accuracy": ratio(correct, total)},
        "type_actor": _figures(report.type_actor),
        "type_only": _figures(report.type_only),
        "by_type": {t: _figures(c) for t, c in report.by_type.items()},
        "problems": [{"doc_id": d, "problem": p} for d, p in report.problems],
    }
    if errors:
        out["errors"] = [_article_errors(a) for a in report.articles if _has_errors(a)]
    return out


def _figures(c: Tally) -> dict[str, float]:
    return {"gold": c.gold, "predicted": c.predicted, "matched": c.tp,
            "precision": c.precision, "recall": c.recall, "f1": c.f1}  # fmt: skip


def _gold_dict(g: GoldEvent) -> dict[str, Any]:
    return {"type": g.type, "actor": g.actor, "recipient": g.recipient, "date": g.date,
            "negated": g.negated, "evidence": g.evidence}  # fmt: skip


def _unit_dict(u: Unit) -> dict[str, Any]:
    return {"type": u.type, "actor": _name(u.actor), "recipient": _name(u.recipient),
            "actor_is_words": bool(u.actor and u.actor.words),
            "recipient_is_words": bool(u.recipient and u.recipient.words),
            "date": u.date, "event": u.event_id, "trigger": u.trigger,
            "sentence": u.sentence}  # fmt: skip


def _name(p: Participant | None) -> str | None:
    return p.name if p else None


def _misses(a: ArticleResult) -> list[GoldEvent]:
    hit = {id(g) for g, _ in a.matched}
    return [g for g in a.gold if id(g) not in hit]


def _extras(a: ArticleResult) -> list[Unit]:
    hit = {id(u) for _, u in a.matched}
    return [u for u in a.units if id(u) not in hit]


def _wrong_dates(a: ArticleResult) -> list[tuple[GoldEvent, Unit]]:
    return [(g, u) for g, u in a.matched if g.date and not same_date(g.date, u.date)]


def _has_errors(a: ArticleResult) -> bool:
    return bool(_misses(a) or _extras(a) or _wrong_dates(a))


def _article_errors(a: ArticleResult) -> dict[str, Any]:
    return {
        "doc_id": a.doc_id,
        "problem": a.problem,
        "missed": [
            {**_gold_dict(g), "closest": [_unit_dict(u) for u in a.units if u.type == g.type]}
            for g in _misses(a)
        ],
        "extra": [_unit_dict(u) for u in _extras(a)],
        "wrong_date": [
            {"gold": _gold_dict(g), "predicted": _unit_dict(u)} for g, u in _wrong_dates(a)
        ],
    }


def print_report(report: Report, console: Console) -> None:
    """Per-type table, then the figures: event/type+actor/type-only P/R/F1, macro F1, dates."""
    table = Table(title="Events by type (type + actor + recipient)", title_justify="left")
    for col in ("type", "gold", "pred", "match", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, c in [*report.by_type.items(), ("all", report.overall)]:
        table.add_row(name, *_cells(c))
    console.print(table)

    levels = Table(title="Where errors come from", title_justify="left")
    for col in ("matched on", "gold", "pred", "match", "P", "R", "F1"):
        levels.add_column(col, justify="left" if col == "matched on" else "right")
    levels.add_row("type only", *_cells(report.type_only))
    levels.add_row("type + actor", *_cells(report.type_actor))
    levels.add_row("type + actor + recipient", *_cells(report.overall))
    console.print(levels)

    overall = report.overall
    correct, total = report.dates
    lines = [
        f"micro P {overall.precision:.3f} R {overall.recall:.3f} F1 {overall.f1:.3f}",
        f"macro F1 {report.macro_f1:.3f} over {len(report.articles)} articles",
        f"date accuracy {ratio(correct, total):.3f} ({correct}/{total} matched events whose "
        "gold has a date)",
    ]
    for line in lines:
        console.print(line, highlight=False, markup=False)
    for doc_id, problem in report.problems:
        console.print(
            f"{doc_id}: {problem} (its gold counts as missed)", style="yellow", markup=False
        )


def _cells(c: Tally) -> list[str]:
    scores = (c.precision, c.recall, c.f1)
    return [str(c.gold), str(c.predicted), str(c.tp), *(f"{x:.3f}" for x in scores)]


def print_errors(report: Report, console: Console) -> None:
    """Per article: each missed gold event with the predicted events of its type as the closest
    candidates, each extra predicted unit with its trigger and sentence, each wrong date."""
    for a in report.articles:
        if not _has_errors(a):
            continue
        console.print(
            f"\n== {a.doc_id}  gold {len(a.gold)}, predicted {len(a.units)}, "
            f"matched {len(a.matched)}" + (f"  ({a.problem})" if a.problem else ""),
            highlight=False,
            markup=False,
        )
        matched = {id(u) for _, u in a.matched}
        for g in _misses(a):
            console.print(f"MISS  {_gold_line(g)}", highlight=False, markup=False)
            for u in (u for u in a.units if u.type == g.type):
                taken = "  (matched another gold)" if id(u) in matched else ""
                console.print(
                    f"      closest: {_unit_line(u)}{taken}", highlight=False, markup=False
                )
        for u in _extras(a):
            console.print(f"EXTRA {_unit_line(u)}", highlight=False, markup=False)
            console.print(f"      in: {u.sentence}", highlight=False, markup=False)
        for g, u in _wrong_dates(a):
            console.print(
                f"DATE  {_gold_line(g)}  got {u.date or '-'} ({u.trigger!r})",
                highlight=False,
                markup=False,
            )


def _gold_line(g: GoldEvent) -> str:
    negated = " (negated)" if g.negated else ""
    return (
        f"{g.type:9} {g.actor} -> {g.recipient or '-'}  {g.date or 'no date'}  "
        f"{g.evidence!r}{negated}"
    )


def _unit_line(u: Unit) -> str:
    who = f"{u.actor or '-'} -> {u.recipient or '-'}"  # words in quotes, entities bare
    return f"{u.type:9} {who}  {u.date or 'no date'}  {u.trigger!r}"
