"""Temporal expressions (issue 3): found by the `timex_grammar`, resolved by `timex_rules`.

The spaCy parse adds what a regular grammar cannot see: the tense of the verb an expression
hangs from (a bare "Thursday" is last Thursday unless the verb is future), and whether
"May" is a month or a modal.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Time
from dateline.stages import text_of
from dateline.stages.times.context import Context, Found
from dateline.stages.times.context import Token as TokenInfo
from dateline.stages.times.grammar import grammar
from dateline.stages.times.rules import scan
from dateline.stages.times.timex import Tense

_VERBS = ("VERB", "AUX")
_PERFECT = {"has", "have", "had", "'ve", "’ve", "'s", "’s"}
_PRESENT_PERFECT = {"has", "have", "'ve", "’ve"}


def extract_times(doc: Doc, anchor: date | None) -> list[Time]:
    """Every temporal expression in `doc`, normalized against `anchor` (the article's date)."""
    text = text_of(doc)
    ctx = Context(
        text=text,
        anchor=anchor,
        grammar=grammar(),
        tense_at=lambda start, end: governing_tense(doc, start, end),
        token_at=lambda offset: _token_info(doc, offset),
        names=frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1),
    )
    return [_time(i, text, f) for i, f in enumerate(scan(ctx), start=1)]


def _time(number: int, text: str, found: Found) -> Time:
    return Time(
        id=f"T{number}",
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        type=found.type,
        value=found.value,
        mod=found.mod,
    )


def _token_info(doc: Doc, offset: int) -> TokenInfo | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    return TokenInfo(
        tag=token.tag_, pos=token.pos_, ent=token.ent_type_, is_sent_start=bool(token.is_sent_start)
    )


def governing_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the verb an expression depends on, with infinitives judged by their governor."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(10):
        if token.pos_ in _VERBS and not (span.start <= token.i < span.end):
            return verb_tense(token)
        if token.head.i == token.i:
            return verb_tense(token) if token.pos_ in _VERBS else None
        token = token.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, present or future from the verb's own form and its auxiliaries."""
    lex = lexicons.load("times")
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & set(lex["future_auxiliaries"]) or (verb.lower_ == "going" and _has_to(verb)):
        return "future"
    modals = words & set(lex["prospective_modals"])
    if modals:
        return "past" if "have" in words else "future"
    if "to" in words or (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl")):
        return _infinitive_tense(verb, depth)
    if any("Past" in a.morph.get("Tense") and a.tag_ != "VBN" for a in auxes):
        return "past"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (words & _PERFECT or not auxes)):
        return "past"
    if verb.tag_ == "VBG" and not auxes and verb.head.i != verb.i and depth < 3:
        return verb_tense(verb.head, depth + 1) if verb.head.pos_ in _VERBS else None
    if (
        verb.tag_ == "VB"
        and verb.dep_ == "ROOT"
        and not any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return "future"  # an imperative: "call me on Sunday"
    return "present"


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "xcomp" for c in verb.children)


def _infinitive_tense(verb: Token, depth: int) -> Tense | None:
    """An infinitive is prospective from its governor: "is due to meet on Thursday" and "the
    program to run through June" are future, but "travelled to attend talks on Tuesday" (a
    simple past governor) stays past, and "agreed to sell in October" is left undecided."""
    governor = verb.head
    if governor is verb or depth >= 3:
        return None
    if governor.pos_ in ("NOUN", "PROPN"):
        return "future"
    tense = verb_tense(governor, depth + 1) if governor.pos_ in _VERBS else None
    narrated = (
        governor.tag_ == "VBD"
        or (
            tense == "past"
            and governor.tag_ != "VBN"
            and not {c.lower_ for c in governor.children} & _PRESENT_PERFECT
        )
        or (
            governor.tag_ == "VBN"
            and any(c.lower_ in ("had", "was", "were") for c in governor.children)
        )
    )
    if governor.lemma_.lower() in lexicons.load("times")["future_governors"]:
        return None if narrated else "future"
    return "past" if narrated else "future"
