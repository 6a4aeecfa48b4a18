"""Amounts: numbers with their qualifier, unit, object, and the predicate they belong to.

"has killed more than 37,000 Palestinians" -> 37000, "more than", object "Palestinians",
predicate "killed", a casualty figure. Vague quantities follow ACLED ("dozens" -> 12).
Durations and dates are times, not amounts, and are left to the times stage.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from dateline import lexicons
from dateline.schema import Amount, Entity, Time
from dateline.stages import text_of
from dateline.stages.events.mood import reporter_of
from dateline.stages.events.participants import MentionIndex

NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUALIFIER_REACH = 25  # characters before a number where "more than" may stand


@cache
def _lex() -> dict:  # type: ignore[type-arg]
    return lexicons.load("amounts")


@cache
def _vague_pattern() -> re.Pattern[str]:
    words = sorted(_lex()["vague"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\s+of\b", re.I)


@cache
def _qualifier_pattern() -> re.Pattern[str]:
    words = sorted(_lex()["qualifiers"], key=len, reverse=True)
    return re.compile(r"(?:^|\s)(" + "|".join(re.escape(w) for w in words) + r")\s*$", re.I)


def parse_value(text: str) -> float | None:
    """The number a phrase states: "37,000", "2.5 million", "twenty", "a dozen", "$50,000"."""
    lex = _lex()
    low = text.lower().replace("-", " ")
    digits = _DIGITS.search(low)
    if digits:
        value = float(digits.group().replace(",", ""))
        rest = low[digits.end() :].split()
        if rest and rest[0] in lex["multipliers"]:
            value *= lex["multipliers"][rest[0]]
        return value
    for phrase in sorted(lex["words"], key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            value = float(lex["words"][phrase])
            for mult, factor in lex["multipliers"].items():
                if len(mult) > 2 and re.search(rf"\b{mult}\b", low) and factor > value:
                    value *= factor
            return value
    return None


def _unit(span: Span) -> str | None:
    units = _lex()["units"]
    text = span.text
    for token in (*span, *([span.doc[span.end]] if span.end < len(span.doc) else [])):
        if token.text in units or token.lower_ in units:
            return units.get(token.text) or units[token.lower_]
    for symbol in ("US$", "$", "€", "£", "%"):
        if symbol in text:
            return units[symbol]
    return None


def _object(span: Span) -> Token | None:
    """The noun the number counts: its head ("37,000 Palestinians"), or the "of" object after a
    unit ("300 kg of flour", "dozens of people")."""
    root = span.root
    head = root.head if root.dep_ in ("nummod", "quantmod", "amod", "compound") else root
    if head.i < span.end - 1 or head.pos_ not in ("NOUN", "PROPN"):
        head = next(
            (t for t in span.doc[span.end : span.end + 2] if t.pos_ in ("NOUN", "PROPN")), None
        )
        if head is None:
            return None
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if prep is not None and (_unit(span) or head.lower_ in _lex()["vague"] or head.i < span.end):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    return head


def _predicate(obj: Token | None, root: Token) -> Token | None:
    token = obj if obj is not None else root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _candidates(doc: Doc) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ in NUMBER_LABELS]
    taken = {i for s in spans for i in range(s.start_char, s.end_char)}
    for m in _vague_pattern().finditer(text_of(doc)):
        if m.start() not in taken:
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return sorted(spans, key=lambda s: s.start_char)


def extract_amounts(doc: Doc, entities: list[Entity], times: list[Time]) -> list[Amount]:
    """Every amount in the article, in text order, with ids A1, A2, ..."""
    lex = _lex()
    casualty_words = frozenset(lex["casualty"])
    time_chars = {i for t in times for i in range(t.start, t.end)}
    index = MentionIndex(entities)
    found: list[Amount] = []
    for span in _candidates(doc):
        if span.start_char in time_chars or span.end_char - 1 in time_chars:
            continue  # "six-week", "2024": times, not amounts
        text = span.text
        vague = lex["vague"].get(text.lower())
        value = float(vague) if vague is not None else parse_value(text)
        if value is None:
            continue
        qualifier = _qualifier(text_of(doc), span.start_char, text)
        obj = _object(span)
        predicate = _predicate(obj, span.root)
        _, reporter = reporter_of(predicate, index) if predicate is not None else (None, None)
        words = {t.lemma_.lower() for t in (obj, predicate) if t is not None}
        found.append(
            Amount(
                id="",
                text=text,
                start=span.start_char,
                end=span.end_char,
                value=value,
                qualifier=qualifier,
                unit=_unit(span),
                object=obj.text if obj is not None else None,
                predicate=predicate.text if predicate is not None else None,
                casualty=bool(words & casualty_words),
                reported_by=reporter.id if reporter else None,
            )
        )
    for i, amount in enumerate(found, 1):
        amount.id = f"A{i}"
    return found


def _qualifier(text: str, start: int, span_text: str) -> str | None:
    """ "more than" inside the span ("more than 37,000") or just before it ("over 700 kg")."""
    pattern = _qualifier_pattern()
    number = _first_number(span_text)
    inside = pattern.search(span_text.split(number)[0]) if number else None
    match = inside or pattern.search(text[max(0, start - _QUALIFIER_REACH) : start])
    return _lex()["qualifiers"][match.group(1).lower()] if match else None


def _first_number(text: str) -> str | None:
    m = _DIGITS.search(text)
    if m:
        return m.group()
    words = [w for w in text.lower().split() if w in _lex()["words"]]
    return words[0] if words else None
