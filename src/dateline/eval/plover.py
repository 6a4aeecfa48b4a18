"""Score dateline on PLOVER gold-standard records (GSR JSON): actor countries for now.

Each record is one sentence with gold source/target actors (`actorText`, CAMEO `code`). An actor
is matched to the entity whose mention overlaps its words best; the entity's actor country
(or its place's country) must equal the gold code, read through the CAMEO -> ISO table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dateline import lexicons
from dateline.eval.metrics import prf, ratio
from dateline.schema import Article, Entity


@dataclass
class GoldActor:
    record: str
    role: str
    text: str
    code: str
    sentence: str


@dataclass
class ActorReport:
    total: int = 0
    correct: int = 0
    unmatched: int = 0
    errors: list[tuple[GoldActor, str | None, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return ratio(self.correct, self.total)


def load_records(path: Path) -> list[dict]:  # type: ignore[type-arg]
    """Gold records that carry a sentence (the file's DOCUMENT records do not)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data if r.get("text") and r.get("event") != "DOCUMENT"]


def gold_actors(record: dict) -> list[GoldActor]:  # type: ignore[type-arg]
    found = []
    for role in ("source", "target"):
        value = record.get(role)
        if not isinstance(value, list):
            continue
        for actor in value:
            if actor.get("actorText") and actor.get("code"):
                found.append(
                    GoldActor(
                        record["id"],
                        role,
                        actor["actorText"].strip(),
                        actor["code"],
                        record["text"],
                    )
                )
    return found


def iso_of_cameo(code: str) -> str:
    """The ISO alpha-3 reading of a CAMEO country code (most are the same)."""
    return lexicons.load("cameo").get(code[:3], code[:3])


def _locate(sentence: str, actor_text: str) -> tuple[int, int] | None:
    start = sentence.find(actor_text)
    if start >= 0:
        return start, start + len(actor_text)
    first = actor_text.split()[0].strip(".")
    start = sentence.find(first)
    return (start, start + len(first)) if start >= 0 else None


def _country(entity: Entity) -> str | None:
    if entity.actor and entity.actor.country:
        return entity.actor.country
    return entity.geo.country if entity.geo else None


def match_entity(article: Article, span: tuple[int, int]) -> Entity | None:
    """The entity with a country whose mention overlaps the gold words most (on a tie, the
    mention that adds the fewest other characters)."""
    best, best_score = None, (0, 0)
    for entity in article.entities:
        if _country(entity) is None:
            continue
        for m in entity.mentions:
            overlap = min(m.end, span[1]) - max(m.start, span[0])
            score = (overlap, -(m.end - m.start - overlap))
            if overlap > 0 and score > best_score:
                best, best_score = entity, score
    return best


def score_actors(records: Iterable[dict], articles: Iterable[Article]) -> ActorReport:  # type: ignore[type-arg]
    """Actor-country accuracy over the gold actors of the records."""
    report = ActorReport()
    for record, article in zip(records, articles, strict=True):
        for gold in gold_actors(record):
            report.total += 1
            span = _locate(article.text, gold.text)
            entity = match_entity(article, span) if span else None
            predicted = _country(entity) if entity else None
            if entity is None:
                report.unmatched += 1
            if predicted is not None and predicted == iso_of_cameo(gold.code):
                report.correct += 1
            else:
                report.errors.append((gold, entity.name if entity else None, predicted))
    return report


OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def gold_type(record: dict) -> str:  # type: ignore[type-arg]
    """The record's event in the current 16-type PLOVER."""
    return OLD_TYPES.get(record["event"], record["event"])


@dataclass
class TypeCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return prf(self.tp, self.tp + self.fp, self.tp + self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.tp + self.fp, self.tp + self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.tp + self.fp, self.tp + self.fn)[2]


@dataclass
class EventReport:
    by_type: dict[str, TypeCounts] = field(default_factory=dict)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    actor_total: int = 0
    actor_correct: int = 0
    errors: list[tuple[str, str, list[str], str]] = field(default_factory=list)

    @property
    def overall(self) -> TypeCounts:
        total = TypeCounts()
        for c in self.by_type.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def actor_accuracy(self) -> float:
        return ratio(self.actor_correct, self.actor_total)


def score_events(records: Iterable[dict], articles: Iterable[Article]) -> EventReport:  # type: ignore[type-arg]
    """Event-type P/R/F1 per record (one gold event each), a confusion matrix of the gold type
    against our most confident type, and actor-country accuracy on matched events.
    Hypothetical events (conditions, generic statements) are not claims that something
    happened, so they are not counted."""
    report = EventReport()
    for record, article in zip(records, articles, strict=True):
        gold = gold_type(record)
        events = [e for e in article.events if e.modality != "hypothetical"]
        article = article.model_copy(update={"events": events})
        predicted = {e.type for e in events}
        for typ in predicted | {gold}:
            counts = report.by_type.setdefault(typ, TypeCounts())
            if typ == gold and typ in predicted:
                counts.tp += 1
            elif typ == gold:
                counts.fn += 1
            else:
                counts.fp += 1
        best = max(article.events, key=lambda e: e.confidence, default=None)
        main = best.type if best else "NONE"
        report.confusion[(gold, main)] = report.confusion.get((gold, main), 0) + 1
        if gold not in predicted:
            report.errors.append((record["id"], gold, sorted(predicted), record["text"]))
            continue
        sources = {iso_of_cameo(a["code"]) for a in record.get("source") or [] if a.get("code")}
        if not sources:
            continue
        report.actor_total += 1
        matched = [e for e in article.events if e.type == gold]
        countries = {
            _country(ent)
            for e in matched
            for ent in (article.entity(a) for a in e.actors)
            if ent is not None
        }
        if countries & sources:
            report.actor_correct += 1
    return report
