"""Score event extraction on whole articles against a JSONL gold file (`dateline eval events`).

Gold lines: {"doc_id", "type", "actor", "recipient", "date", "negated", "evidence"}, one event
per actor and per recipient (../shared/eval/events/GUIDELINES.md). The scorer reads them as the
guidelines' "How a scorer reads it" says:

* Predicted events whose modality is planned or hypothetical are left out.
* A predicted event counts once per (actor, recipient) pair, once per actor when it has no
  recipient; a role with no entity is the event's own words for it (actor_text/recipient_text).
* A participant's names are its entity's name and aliases. A name matches a gold name when,
  with case, accents, punctuation and a leading "the" folded away, one equals the other or
  contains it as whole words ("Lam" in "Carrie Lam"; not "us" in "Russia").
* A gold event matches at most one predicted unit and vice versa: same type, same actor, and the
  same recipient when the gold has one (a null gold recipient takes any recipient or none).
  The assignment is a maximum one (Hungarian, scipy) and, among those, keeps the most pairs
  whose dates agree. Negation is not compared.

Date accuracy is over matched events whose gold has a date: the predicted `date` equals the gold
string, or, for a gold month (YYYY-MM), is a day in that month. Macro F1 is the mean of the
per-article F1 over the gold's articles; an article with neither gold nor predicted events counts
1.0 (nothing missed, nothing extra), though with articles taken from gold lines it cannot occur.
The gold events of an article the corpus lacks, or that cannot be read, all count as misses.
"Type only" and "type + actor" rerun the assignment with looser conditions, to show whether
errors come from the type, the actor or the recipient.

Pure functions: the command does the reading and printing (eval/events_report.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from scipy.optimize import linear_sum_assignment

from dateline.eval.articles import jsonl_rows, name_words, read_articles
from dateline.eval.metrics import Tally, prf, ratio
from dateline.schema import Article, EventType

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

TYPES: tuple[str, ...] = get_args(EventType)
UNCOUNTED = ("planned", "hypothetical")  # gold codes only acts that happened


@dataclass(frozen=True)
class GoldEvent:
    doc_id: str
    type: str
    actor: str
    recipient: str | None
    date: str | None = None
    negated: bool = False
    evidence: str | None = None


@dataclass(frozen=True)
class Participant:
    """An actor or recipient as the scorer compares it."""

    name: str  # the entity's name, or the event's words for the role
    keys: tuple[str, ...]  # folded names that stand for it (name and aliases)
    words: bool = False  # no entity stands for it: `name` is the event's own words

    def __str__(self) -> str:
        return f'"{self.name}"' if self.words else self.name


@dataclass(frozen=True)
class Unit:
    """One (actor, recipient) pair of a predicted event: what one gold line can match."""

    type: str
    actor: Participant | None
    recipient: Participant | None
    date: str | None = None
    trigger: str = ""
    sentence: str = ""
    event_id: str = ""


@dataclass
class ArticleResult:
    doc_id: str
    gold: list[GoldEvent]
    units: list[Unit]
    matched: list[tuple[GoldEvent, Unit]]
    type_only: int  # gold matched by type alone, one to one
    type_actor: int  # ... by type and actor, recipient ignored
    problem: str | None = None  # why there are no predictions: not in the corpus, unreadable

    @property
    def f1(self) -> float:
        if not self.gold and not self.units:
            return 1.0
        return prf(len(self.matched), len(self.units), len(self.gold))[2]


@dataclass
class Report:
    articles: list[ArticleResult] = field(default_factory=list)

    def _counts(self, hits: Callable[[ArticleResult], int]) -> Tally:
        return Tally(
            sum(map(hits, self.articles)),
            sum(len(a.gold) for a in self.articles),
            sum(len(a.units) for a in self.articles),
        )

    @property
    def overall(self) -> Tally:
        return self._counts(lambda a: len(a.matched))

    @property
    def type_only(self) -> Tally:
        return self._counts(lambda a: a.type_only)

    @property
    def type_actor(self) -> Tally:
        return self._counts(lambda a: a.type_actor)

    @property
    def macro_f1(self) -> float:
        return ratio(sum(a.f1 for a in self.articles), len(self.articles))

    @property
    def by_type(self) -> dict[str, Tally]:
        """Matches can only pair events of one type, so each type is a scorer of its own."""
        counts = {
            t: Tally(
                sum(g.type == t for a in self.articles for g, _ in a.matched),
                sum(g.type == t for a in self.articles for g in a.gold),
                sum(u.type == t for a in self.articles for u in a.units),
            )
            for t in TYPES
        }
        return {t: c for t, c in counts.items() if c.gold or c.predicted}

    @property
    def dates(self) -> tuple[int, int]:
        """(correct, total) over matched events whose gold has a date."""
        pairs = [(g, u) for a in self.articles for g, u in a.matched if g.date]
        return sum(same_date(g.date, u.date) for g, u in pairs), len(pairs)

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(a.doc_id, a.problem) for a in self.articles if a.problem]


def load_gold(path: Path) -> list[GoldEvent]:
    """Gold events from a JSONL file, in file order; a bad line is a ValueError naming it."""
    gold = []
    for n, row in jsonl_rows(path):
        try:
            event = GoldEvent(
                doc_id=row["doc_id"],
                type=row["type"],
                actor=row["actor"],
                recipient=row.get("recipient"),
                date=row.get("date"),
                negated=bool(row.get("negated", False)),
                evidence=row.get("evidence"),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a gold event ({exc.__class__.__name__})") from exc
        if event.type not in TYPES:
            raise ValueError(f"{path}:{n}: unknown event type {event.type!r}")
        if not all(isinstance(v, str) and v.strip() for v in (event.doc_id, event.actor)):
            raise ValueError(f"{path}:{n}: gold event without a doc_id or an actor")
        if not all(isinstance(v, str | None) for v in (event.recipient, event.date)):
            raise ValueError(f"{path}:{n}: recipient and date must be text or null")
        gold.append(event)
    return gold


def name_key(name: str | None) -> str:
    """A name folded for comparison: "The Ministry of Défense" -> "ministry of defense"."""
    words = name_words(name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def same_name(gold: str | None, predicted: Participant | None) -> bool:
    """The gold name equals one of the participant's names, or one contains the other as
    whole words."""
    g = name_key(gold)
    keys = predicted.keys if predicted else ()
    return bool(g) and any(k and (f" {g} " in f" {k} " or f" {k} " in f" {g} ") for k in keys)


def same_date(gold: str | None, predicted: str | None) -> bool:
    """Equal strings, or a predicted day inside a gold month (YYYY-MM)."""
    if not gold or not predicted:
        return False
    return predicted == gold or (len(gold) == 7 and predicted.startswith(f"{gold}-"))


def _participants(article: Article, ids: list[str], text: str | None) -> list[Participant]:
    """The entities of a role, else the role's words."""
    entities = [e for e in map(article.entity, ids) if e is not None]
    if entities:
        return [Participant(e.name, tuple(map(name_key, (e.name, *e.aliases)))) for e in entities]
    return [Participant(text, (name_key(text),), words=True)] if text else []


def units(article: Article) -> list[Unit]:
    """An article's counted events, one unit per (actor, recipient) pair."""
    out = []
    for e in article.events:
        if e.modality in UNCOUNTED:
            continue
        sentence = " ".join(article.text[e.sentence.start : e.sentence.end].split())
        actors: list[Participant | None] = [*_participants(article, e.actors, e.actor_text)]
        recipients: list[Participant | None] = [
            *_participants(article, e.recipients, e.recipient_text)
        ]
        out += [
            Unit(e.type, actor, recipient, e.date, e.trigger.text, sentence, e.id)
            for actor in actors or [None]
            for recipient in recipients or [None]
        ]
    return out


def same_actor(g: GoldEvent, u: Unit) -> bool:
    """Same type and actor, whatever the recipient."""
    return g.type == u.type and same_name(g.actor, u.actor)


def fits(g: GoldEvent, u: Unit) -> bool:
    """Same type and actor, and the same recipient when the gold names one."""
    return same_actor(g, u) and (g.recipient is None or same_name(g.recipient, u.recipient))


def assign(
    gold: list[GoldEvent],
    predicted: list[Unit],
    allowed: Callable[[GoldEvent, Unit], bool],
    preferred: Callable[[GoldEvent, Unit], bool] | None = None,
) -> list[tuple[int, int]]:
    """A maximum one-to-one set of allowed (gold, unit) index pairs; among maximum sets, one
    with the most preferred pairs."""
    if not gold or not predicted:
        return []
    big = len(gold) + 1  # one more pair outweighs every preference
    weight = [
        [(big + bool(preferred and preferred(g, u))) if allowed(g, u) else 0 for u in predicted]
        for g in gold
    ]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if weight[i][j]]


def score_article(
    doc_id: str, gold: list[GoldEvent], predicted: list[Unit], problem: str | None = None
) -> ArticleResult:
    """Match one article's gold events and predicted units three ways."""
    full = assign(gold, predicted, fits, lambda g, u: same_date(g.date, u.date))
    return ArticleResult(
        doc_id,
        gold,
        predicted,
        [(gold[i], predicted[j]) for i, j in full],
        type_only=len(assign(gold, predicted, lambda g, u: g.type == u.type)),
        type_actor=len(assign(gold, predicted, same_actor)),
        problem=problem,
    )


def score(gold: list[GoldEvent], predicted: dict[str, list[Unit] | str]) -> Report:
    """Score every gold article; `predicted` gives its units, or why it has none."""
    by_doc: dict[str, list[GoldEvent]] = {}
    for g in gold:
        by_doc.setdefault(g.doc_id, []).append(g)
    report = Report()
    for doc_id, events in by_doc.items():
        got = predicted.get(doc_id, "not in the corpus")
        if isinstance(got, str):
            report.articles.append(score_article(doc_id, events, [], got))
        else:
            report.articles.append(score_article(doc_id, events, got))
    return report


def evaluate(gold: list[GoldEvent], corpus: Path, pipeline: Pipeline) -> Report:
    """Run the pipeline on the gold's articles and score them."""
    articles = read_articles(corpus, {g.doc_id for g in gold}, pipeline)
    predicted: dict[str, list[Unit] | str] = {
        doc_id: units(a) if isinstance(a, Article) else str(a) for doc_id, a in articles.items()
    }
    return score(gold, predicted)
