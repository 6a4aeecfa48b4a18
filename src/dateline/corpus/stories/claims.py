"""Claims compared across a story's articles: figures about the same thing lined up with
their sources, disagreements listed; a quote printed by several outlets as one quote.

Two figures are about the same thing when they count the same object with the same
predicate and unit ("more than 37,000 Palestinians" killed; "37,124 Palestinians" killed).
Each figure stands for a range: its rounding ("37,000" is 36,500 to 37,500) and its
qualifier ("more than 37,000" is 37,000 to 38,000; lexicons/stories.yaml). Figures whose
ranges meet agree. A count that only grows (the dead, the arrested) may rise between two
dates; it disagrees when a later report is lower, or two reports of one day do not meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from dateline import lexicons
from dateline.corpus.stories.profile import fold
from dateline.schema import Article

_WORD = re.compile(r"[a-z0-9]+")
_PUNCT = re.compile(r"[^\w\s]")


@cache
def _lex() -> dict:  # type: ignore[type-arg]
    return lexicons.load("stories")


@dataclass
class Figure:
    """One figure as one article states it."""

    value: float
    qualifier: str | None
    unit: str | None
    text: str
    article_id: str
    amount_id: str
    publisher: str | None
    published: str | None
    reported_by: str | None
    low: float = 0.0
    high: float = 0.0


@dataclass
class Claim:
    """Figures about one thing, with the pairs that disagree."""

    object: str
    predicate: str | None
    unit: str | None
    cumulative: bool
    figures: list[Figure] = field(default_factory=list)
    disagreements: list[tuple[Figure, Figure, str]] = field(default_factory=list)


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _key_words(text: str | None) -> str:
    return " ".join(_stem(w) for w in _WORD.findall(fold(text or "")))


def _unit(value: float) -> float:
    """The rounding unit of a figure: 37,000 -> 1,000; 37,124 -> 1; 2.5 -> 0.1."""
    if value != int(value):
        decimals = len(repr(value).split(".")[1])
        return 10.0**-decimals
    number, unit = int(abs(value)), 1.0
    while number and number % 10 == 0:
        number //= 10
        unit *= 10
    return unit


def bounds(value: float, qualifier: str | None) -> tuple[float, float]:
    """The range a figure stands for."""
    unit = _unit(value)
    table = _lex()["qualifier_bounds"]
    if qualifier in table:
        low, high = table[qualifier]
        return value + low * unit, value + high * unit
    zeros = round(math.log10(unit)) if unit >= 1 else 0
    if zeros >= int(_lex()["rounded_zeros"]):
        return value - unit / 2, value + unit / 2
    return value, value


def _cumulative(predicate: str | None) -> bool:
    words = set(_key_words(predicate).split())
    return bool(words & {_stem(w) for w in _lex()["cumulative"]})


def compare(articles: list[Article]) -> list[Claim]:
    """Figures of the story grouped by what they count, each group's disagreements listed;
    groups stated by one article only are left out."""
    groups: dict[tuple, Claim] = {}
    for article in articles:
        for amount in article.amounts:
            if not amount.object:
                continue
            key = (_key_words(amount.object), _key_words(amount.predicate), amount.unit)
            claim = groups.get(key)
            if claim is None:
                claim = Claim(
                    amount.object, amount.predicate, amount.unit, _cumulative(amount.predicate)
                )
                groups[key] = claim
            reporter = article.entity(amount.reported_by)
            low, high = bounds(amount.value, amount.qualifier)
            claim.figures.append(
                Figure(
                    amount.value,
                    amount.qualifier,
                    amount.unit,
                    amount.text,
                    article.id,
                    amount.id,
                    article.meta.publisher,
                    article.meta.published,
                    reporter.name if reporter else None,
                    low,
                    high,
                )
            )
    out = []
    for claim in groups.values():
        if len({f.article_id for f in claim.figures}) < 2:
            continue
        claim.figures.sort(key=lambda f: (f.published or "", f.value))
        claim.disagreements = _disagreements(claim)
        out.append(claim)
    return sorted(out, key=lambda c: (-len(c.disagreements), -len(c.figures), c.object))


def _disagreements(claim: Claim) -> list[tuple[Figure, Figure, str]]:
    found = []
    for i, a in enumerate(claim.figures):
        for b in claim.figures[i + 1 :]:
            if a.article_id == b.article_id:
                continue
            meet = a.low <= b.high and b.low <= a.high
            if meet:
                continue
            if claim.cumulative and a.published and b.published and a.published != b.published:
                earlier, later = (a, b) if a.published < b.published else (b, a)
                if later.high >= earlier.low:
                    continue  # the count rose between the two reports
                found.append((earlier, later, "a later report is lower"))
            else:
                found.append((a, b, "the figures do not meet"))
    return found


@dataclass
class SharedQuote:
    """One quote as several articles print it."""

    text: str
    speakers: list[str]
    reports: list[tuple[str, str, str | None]]  # (article id, quote id, publisher)


def shared_quotes(articles: list[Article]) -> list[SharedQuote]:
    """Direct and partial quotes printed by two or more articles: the same words (case,
    punctuation and quotation marks aside), or a fragment of a longer quote."""
    items = []
    for article in articles:
        for quote in article.quotes:
            if quote.kind == "indirect":
                continue
            words = " ".join(_PUNCT.sub(" ", fold(quote.text)).split())
            if len(words.split()) < 3:
                continue
            speaker = article.entity(quote.speaker)
            name = speaker.name if speaker else quote.speaker_text
            items.append((words, name, article.id, quote.id, article.meta.publisher, quote.text))
    items.sort(key=lambda i: -len(i[0]))
    groups: list[tuple[str, list]] = []
    for item in items:
        home = next((g for g in groups if item[0] in g[0]), None)
        if home is None:
            groups.append((item[0], [item]))
        else:
            home[1].append(item)
    out = []
    for _, members in groups:
        if len({m[2] for m in members}) < 2:
            continue
        speakers = list(dict.fromkeys(m[1] for m in members if m[1]))
        reports = [(m[2], m[3], m[4]) for m in members]
        out.append(SharedQuote(members[0][5], speakers, reports))
    return sorted(out, key=lambda q: -len({r[0] for r in q.reports}))
