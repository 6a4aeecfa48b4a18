"""Score temporal expressions against TimeML gold (TempEval-3 style).

Gold TIMEX3 tags are read with a real XML parser from the document's TEXT element; their
offsets index the tag-free text, which is what dateline reads, with the DCT as its date.
Relaxed matches are overlaps; value F1 counts a gold expression as found when an overlapping
prediction has the identical value (UzZaman et al. 2013).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from dateline.eval.metrics import prf, ratio


@dataclass(frozen=True)
class Timex:
    """One temporal expression, gold or predicted, with offsets into the document's text."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: date | None
    timexes: list[Timex]


@dataclass
class Counts:
    """Tallies for one document or a whole folder; add them to pool (micro-average)."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (self.gold, self.predicted, self.strict, self.relaxed, self.type_ok, self.value_ok)

    def metrics(self) -> dict[str, float]:
        """Span P/R/F1 (strict and relaxed), type accuracy on matches, and value P/R/F1."""
        out: dict[str, float] = {}
        for name, hits in (
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value_ok),
        ):
            p, r, f1 = prf(hits, self.predicted, self.gold)
            out |= {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f1}
        out["type_acc"] = ratio(self.type_ok, self.relaxed)
        return out


@dataclass
class DocResult:
    name: str
    counts: Counts
    misses: list[Timex] = field(default_factory=list)
    false_alarms: list[Timex] = field(default_factory=list)
    wrong: list[tuple[Timex, Timex]] = field(default_factory=list)


@dataclass
class Report:
    docs: list[DocResult]

    @property
    def total(self) -> Counts:
        return sum((d.counts for d in self.docs), Counts())


def parse_timeml(source: str, name: str = "<string>") -> GoldDoc:
    """Gold timexes and tag-free text of one TimeML document (TEXT element only)."""
    root = ET.fromstring(source.encode("utf-8"))
    dct_el = root.find("./DCT/TIMEX3")
    dct = _iso_date(dct_el.get("value")) if dct_el is not None else None
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{name}: no TEXT element")
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(body, parts, timexes)
    return GoldDoc(name=name, text="".join(parts), dct=dct, timexes=timexes)


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex]) -> None:
    """Depth-first text collection; a TIMEX3's extent is the text its subtree adds."""
    parts.append(element.text or "")
    for child in element:
        start = sum(map(len, parts))
        _walk(child, parts, timexes)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:]
            timexes.append(
                Timex(
                    start,
                    start + len(text),
                    text,
                    child.get("type", ""),
                    child.get("value"),
                    child.get("mod"),
                )
            )
        parts.append(child.tail or "")


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def load_folder(folder: Path) -> list[GoldDoc]:
    """Every `*.tml` file under `folder`, sorted by name."""
    return [
        parse_timeml(p.read_text(encoding="utf-8"), p.name) for p in sorted(folder.rglob("*.tml"))
    ]


def score(gold: list[Timex], predicted: list[Timex], name: str = "") -> DocResult:
    """Match each gold expression to the first unused overlapping prediction, then tally."""
    used: set[int] = set()
    result = DocResult(name=name, counts=Counts(gold=len(gold), predicted=len(predicted)))
    c = result.counts
    for g in gold:
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.start < g.end and g.start < p.end
            ),
            None,
        )
        if match is None:
            result.misses.append(g)
            continue
        used.add(match)
        p = predicted[match]
        c.relaxed += 1
        c.strict += (p.start, p.end) == (g.start, g.end)
        c.type_ok += p.type == g.type
        if p.value == g.value:
            c.value_ok += 1
        else:
            result.wrong.append((g, p))
    result.false_alarms = [p for i, p in enumerate(predicted) if i not in used]
    return result


WIDTH = 110  # the report's tables need this many columns; callers size their Console

Predictor = Callable[[str, date | None], list[Timex]]


def dateline_predictor(model: str | None = None) -> Predictor:
    """The times stage exactly as `dateline read` runs it, on raw text with a given date."""
    from dateline.pipeline import DEFAULT_MODEL, load_model
    from dateline.stages.times import extract_times

    nlp = load_model(model or DEFAULT_MODEL)

    def predict(text: str, anchor: date | None) -> list[Timex]:
        return [
            Timex(t.start, t.end, t.text, t.type, t.value, t.mod)
            for t in extract_times(nlp(text), anchor)
        ]

    return predict


def evaluate(docs: Iterable[GoldDoc], predict: Predictor) -> Report:
    return Report([score(d.timexes, predict(d.text, d.dct), d.name) for d in docs])


def print_report(report: Report, console: Console, errors: bool = False) -> None:
    """Per-file and overall figures as a Rich table (P/R/F1 per cell); with `errors`, every
    mismatch. A last plain line repeats the overall figures for scripts and notes."""
    table = Table(
        title="TimeML temporal expressions: P R F1 in %",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
    )
    table.add_column("file", max_width=18, overflow="ellipsis", no_wrap=True)
    for column in ("gold", "pred", "strict span", "relaxed span", "type", "value"):
        table.add_column(column, justify="right", no_wrap=True)
    for doc in [*report.docs, DocResult("ALL", report.total)]:
        m, c = doc.counts.metrics(), doc.counts
        table.add_row(
            Path(doc.name).stem,
            str(c.gold),
            str(c.predicted),
            *(_prf(m, k) for k in ("strict", "relaxed")),
            f"{100 * m['type_acc']:.1f}",
            _prf(m, "value"),
            style="bold" if doc.name == "ALL" else None,
        )
    console.print(table)
    m = report.total.metrics()
    console.print(
        f"overall: strict F1 {m['strict_f1']:.4f}, relaxed F1 {m['relaxed_f1']:.4f}, "
        f"type accuracy {m['type_acc']:.4f}, value F1 {m['value_f1']:.4f}",
        highlight=False,
    )
    if errors:
        print_errors(report, console)


def _prf(m: dict[str, float], name: str) -> str:
    return " ".join(f"{100 * m[f'{name}_{k}']:5.1f}" for k in ("p", "r", "f1"))


def print_errors(report: Report, console: Console) -> None:
    table = Table(title="TimeML errors", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("file", max_width=14, overflow="ellipsis", no_wrap=True)
    for column in ("kind", "text", "gold", "predicted"):
        table.add_column(column)
    for doc in report.docs:
        for g in doc.misses:
            table.add_row(Path(doc.name).stem, "miss", repr(g.text), _show(g), "")
        for g, p in doc.wrong:
            table.add_row(Path(doc.name).stem, "value", _pair(g, p), _show(g), _show(p))
        for p in doc.false_alarms:
            table.add_row(Path(doc.name).stem, "false alarm", repr(p.text), "", _show(p))
    console.print(table)


def _pair(gold: Timex, predicted: Timex) -> str:
    return repr(gold.text) if gold.text == predicted.text else f"{gold.text!r} / {predicted.text!r}"


def _show(t: Timex) -> str:
    return f"{t.type} {t.value}" + (f" {t.mod}" if t.mod else "")
