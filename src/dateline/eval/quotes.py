"""Score quote extraction against a JSONL gold file (`dateline eval quotes GOLD.jsonl`).

Gold lines: {"doc_id", "kind", "speaker", "cue", "text", "starts_with"}. Gold quotes carry no
offsets, so each is located in the article's text: verbatim if possible, else with whitespace and
quotation marks normalized, else from its `starts_with`. A prediction matches a gold quote when
their character overlap covers at least half of the longer of the two (one to one, best overlap
first). Precision, recall and F1 are reported per kind (matching within the kind) and for all
kinds together (matching regardless of kind); speaker accuracy is over the matched pairs, and
"right speaker" over all gold quotes: a gold quote found whose speaker entity has the gold name
as its name or one of its aliases (or whose speaker words are part of that name).

Pure functions: the command does the reading and printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from dateline.eval.articles import jsonl_rows, name_words, read_articles
from dateline.eval.metrics import Tally
from dateline.schema import Article

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

KINDS = ("direct", "partial", "indirect")
MIN_OVERLAP = 0.5
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


@dataclass
class GoldQuote:
    doc_id: str
    kind: str
    speaker: str | None
    cue: str | None
    text: str
    starts_with: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Predicted:
    kind: str
    start: int
    end: int
    speaker: str | None  # entity name, else the speaker words
    text: str = ""
    aliases: tuple[str, ...] = ()  # the entity's other names ("Erdogan" beside "Erdoğan")

    def said_by(self, gold: str | None) -> bool:
        """Whether the gold speaker is this quote's speaker, by name or by any alias."""
        return any(same_speaker(gold, name) for name in (self.speaker, *self.aliases))


@dataclass
class Score(Tally):
    speaker_ok: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.tp if self.tp else 0.0

    @property
    def right_speaker(self) -> float:
        """Gold quotes found with the right speaker, over all gold quotes: what a user gets."""
        return self.speaker_ok / self.gold if self.gold else 0.0


@dataclass
class Report:
    by_kind: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    unlocated: list[GoldQuote] = field(default_factory=list)
    missed: list[GoldQuote] = field(default_factory=list)
    spurious: list[tuple[str, Predicted]] = field(default_factory=list)
    wrong_speaker: list[tuple[GoldQuote, Predicted]] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldQuote]:
    """Gold quotes from a JSONL file, in file order."""
    gold = []
    for n, row in jsonl_rows(path):
        try:
            gold.append(
                GoldQuote(
                    doc_id=row["doc_id"],
                    kind=row["kind"],
                    speaker=row.get("speaker"),
                    cue=row.get("cue"),
                    text=row["text"],
                    starts_with=row.get("starts_with"),
                )
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}:{n}: not a gold quote ({exc.__class__.__name__})") from exc
    return gold


def _normalized(text: str) -> tuple[str, list[int]]:
    """Text with quotation marks folded and whitespace collapsed, and for every character of
    the result its offset in the original."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        out.append(ch.translate(_FOLD))
        index.append(i)
    return "".join(out), index


def _norm(text: str) -> str:
    return _normalized(text)[0].strip()


def locate(gold: list[GoldQuote], text: str) -> None:
    """Set start/end of each gold quote of one article; repeated texts take successive places."""
    flat, index = _normalized(text)
    taken: dict[str, int] = {}
    for g in gold:
        target = _norm(g.text)
        key = target
        found = flat.find(target, taken.get(key, 0)) if target else -1
        length = len(target)
        if found < 0 and g.starts_with:
            key = _norm(g.starts_with)
            found = flat.find(key, taken.get(key, 0))
        if found < 0:
            continue
        taken[key] = found + 1
        end = min(found + length, len(index)) - 1
        g.start, g.end = index[found], index[end] + 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the length of the longer span."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return shared / longest if shared > 0 and longest > 0 else 0.0


def align(gold: list[GoldQuote], predicted: list[Predicted]) -> list[tuple[GoldQuote, Predicted]]:
    """One-to-one pairs with overlap >= MIN_OVERLAP, best overlap first."""
    pairs = sorted(
        (
            (-overlap((g.start, g.end), (p.start, p.end)), gi, pi)
            for gi, g in enumerate(gold)
            if g.start is not None and g.end is not None
            for pi, p in enumerate(predicted)
        ),
    )  # best overlap first; ties go to the earlier gold and the earlier prediction
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for negative, gi, pi in pairs:
        if -negative < MIN_OVERLAP:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], predicted[pi]))
    return matched


def name_key(name: str | None) -> list[str]:
    """Words of a name, lowercased, without articles or punctuation."""
    return [w for w in name_words(name) if w not in ("the", "a", "an")]


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Equal after normalization, or one name's words contain the other's surname (last
    word): "Blinken" matches "Antony Blinken"."""
    g, p = name_key(gold), name_key(predicted)
    if not g or not p:
        return not g and not p
    return g == p or g[-1] in p or p[-1] in g


def predictions(article: Article) -> list[Predicted]:
    """An article's quotes as the scorer sees them: the speaker by entity name if resolved."""
    out = []
    for q in article.quotes:
        entity = article.entity(q.speaker)
        name = entity.name if entity else q.speaker_text
        aliases = tuple(entity.aliases) if entity else ()
        out.append(Predicted(q.kind, q.start, q.end, name, q.text, aliases))
    return out


def score(
    gold_by_doc: dict[str, list[GoldQuote]], predicted_by_doc: dict[str, list[Predicted]]
) -> Report:
    """P/R/F1 per kind and overall, speaker accuracy on matched quotes, and the errors."""
    report = Report(by_kind={k: Score() for k in KINDS})
    for doc_id, gold in gold_by_doc.items():
        predicted = predicted_by_doc.get(doc_id, [])
        report.unlocated += [g for g in gold if g.start is None]
        for kind in KINDS:
            g_kind = [g for g in gold if g.kind == kind]
            p_kind = [p for p in predicted if p.kind == kind]
            _tally(report.by_kind.setdefault(kind, Score()), g_kind, p_kind, align(g_kind, p_kind))
        matched = align(gold, predicted)
        _tally(report.overall, gold, predicted, matched)
        hit_g = {id(g) for g, _ in matched}
        hit_p = {id(p) for _, p in matched}
        report.missed += [g for g in gold if id(g) not in hit_g and g.start is not None]
        report.spurious += [(doc_id, p) for p in predicted if id(p) not in hit_p]
        report.wrong_speaker += [(g, p) for g, p in matched if not p.said_by(g.speaker)]
    return report


def _tally(
    s: Score,
    gold: Iterable[GoldQuote],
    predicted: Iterable[Predicted],
    matched: list[tuple[GoldQuote, Predicted]],
) -> None:
    s.gold += len(list(gold))
    s.predicted += len(list(predicted))
    s.tp += len(matched)
    s.speaker_ok += sum(p.said_by(g.speaker) for g, p in matched)


def evaluate(gold: Path, corpus: Path, pipeline: Pipeline) -> tuple[Report, int]:
    """Run the pipeline on the gold's articles and score them; also the number of gold
    articles the corpus lacks."""
    gold_quotes = load_gold(gold)
    gold_by_doc: dict[str, list[GoldQuote]] = {}
    for g in gold_quotes:
        gold_by_doc.setdefault(g.doc_id, []).append(g)
    predicted: dict[str, list[Predicted]] = {}
    for doc_id, article in read_articles(corpus, set(gold_by_doc), pipeline).items():
        if isinstance(article, Article):
            locate(gold_by_doc[doc_id], article.text)
            predicted[doc_id] = predictions(article)
    return score(gold_by_doc, predicted), len(set(gold_by_doc) - set(predicted))


def print_report(report: Report, console: Console, missing: int = 0) -> None:
    """The score table: P/R/F1 per kind and all together, speaker accuracy on matches."""
    table = Table(title="Quotes", title_justify="left")
    for col in ("kind", "gold", "pred", "match", "P", "R", "F1", "speaker acc", "right speaker"):
        table.add_column(col, justify="right" if col != "kind" else "left")
    rows = [*report.by_kind.items(), ("all", report.overall)]
    for kind, s in rows:
        table.add_row(
            kind,
            str(s.gold),
            str(s.predicted),
            str(s.tp),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{s.speaker_accuracy:.3f} ({s.speaker_ok}/{s.tp})",
            f"{s.right_speaker:.3f} ({s.speaker_ok}/{s.gold})",
        )
    console.print(table)
    if report.unlocated or missing:
        console.print(
            f"[yellow]{len(report.unlocated)} gold quotes not found in their article's text; "
            f"{missing} gold articles not in the corpus[/yellow]",
            highlight=False,
        )


def print_errors(report: Report, console: Console) -> None:
    """Every miss, spurious quote and wrong speaker, one line each."""
    for g in report.missed:
        console.print(
            f"MISS  {g.doc_id[11:50]:40} {g.kind:8} {g.speaker or '-':25} {g.text[:90]!r}",
            highlight=False,
        )
    for doc_id, p in report.spurious:
        console.print(
            f"EXTRA {doc_id[11:50]:40} {p.kind:8} {p.speaker or '-':25} {p.text[:90]!r}",
            highlight=False,
        )
    for g, p in report.wrong_speaker:
        console.print(
            f"WHO   {g.doc_id[11:50]:40} {g.kind:8} gold {g.speaker or '-'!r} got "
            f"{p.speaker or '-'!r}: {g.text[:60]!r}",
            highlight=False,
        )
    for g in report.unlocated:
        console.print(f"LOST  {g.doc_id[11:50]:40} {g.kind:8} {g.text[:90]!r}", highlight=False)
