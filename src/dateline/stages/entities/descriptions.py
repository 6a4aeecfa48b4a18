"""People described, not named: "the lawyer", "one of the victims", "this person".

A definite description or a partitive whose head is a person noun (lexicons/descriptions.yaml
`unnamed_people`) refers back to the person the article gave that role, by title, appositive or
a noun before the name ("Howard Rubel, a Toronto lawyer" ... "the lawyer"); failing that it is a
person of its own whom the article never names, kept as an entity named by its words ("One of
the victims"), so that "she" in the next sentence and the quote she gives point at her. Nouns
that say nothing but "someone" ("this person", "the man") only point back.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.stages import text_of
from dateline.stages.entities.gender import noun_gender

_GENERIC = frozenset({"last", "next", "sitting", "average", "typical", "ideal"})
_INDEFINITE = frozenset({"a", "an"})


@dataclass
class Described:
    """A description found in the text: its span, head noun and what it refers to."""

    start: int
    end: int
    lemma: str
    gender: str | None
    partitive: bool
    anaphoric: bool
    argument: bool  # a subject or object: where a person of its own is worth keeping
    indefinite: bool = False  # "a federal judge" in the lead, named further on
    origin: bool = False  # "the French president": an origin word the role alone cannot check


@cache
def role_nouns() -> frozenset[str]:
    """Nouns that say what part a person plays: the roles of descriptions.yaml and the
    one-word title heads of titles.yaml ("the commissioner" is whoever the article titled
    Commissioner), less the heads that are common words too ("major")."""
    lex = lexicons.load("descriptions")["unnamed_people"]
    heads = lexicons.load("titles")["heads"]
    titles = {h.lower() for h in heads if " " not in h and "." not in h and "-" not in h}
    return frozenset({w.lower() for w in lex["roles"]} | titles) - {
        w.lower() for w in lex.get("not_roles") or []
    }


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lex = lexicons.load("descriptions")["unnamed_people"]
    return (
        role_nouns(),
        frozenset(w.lower() for w in lex["anaphoric"]),
        frozenset(w.lower() for w in lex["determiners"]),
    )


def find_descriptions(doc: Doc, taken: list[tuple[int, int]]) -> list[Described]:
    """Singular person descriptions outside names and titles, in text order."""
    roles, anaphoric, determiners = _lexicon()
    found: list[Described] = []
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        lemma = token.lemma_.lower()
        if lemma not in roles and lemma not in anaphoric:
            continue
        partitive = _partitive_head(token)
        definite = _determiner(token, determiners) if token.tag_ == "NN" else None
        lead = _determiner(token, _INDEFINITE) if _lead_subject(token) else None
        indefinite = partitive is None and definite is None and lead is not None
        start_tok = partitive or definite or (lead if lemma in roles else None)
        if start_tok is None:
            continue
        if _named_by(token) or _inside(taken, token.idx) or _predicative(token):
            continue  # "the lawyer, Howard Rubel": the name carries it
        if lemma in anaphoric and any(c.dep_ in ("relcl", "acl", "amod") for c in token.children):
            continue  # "the person I am today", "the average man" describe, not point back
        start, end = start_tok.idx, token.idx + len(token)
        found.append(
            Described(
                start,
                end,
                lemma,
                noun_gender(lemma),
                partitive is not None,
                lemma in anaphoric and partitive is None,
                partitive is not None or _argument(token),
                indefinite,
                any(
                    c.dep_ in ("amod", "compound") and c.text[:1].isupper() and c.i > start_tok.i
                    for c in token.children
                ),
            )
        )
    return found


def _argument(head: Token) -> bool:
    while head.dep_ == "conj":
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") or (
        head.dep_ == "pobj" and head.head.dep_ == "agent"
    )


def _predicative(noun: Token) -> bool:
    """ "was the deputy commander of", "served as the leader", "the first president to":
    descriptions that say what someone is, not who is meant."""
    if noun.dep_ in ("attr", "appos", "oprd") or (noun.dep_ == "pobj" and noun.head.lower_ == "as"):
        return True
    return any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" or c.lower_ in _GENERIC)
        for c in noun.children
    )


def _lead_subject(noun: Token) -> bool:
    """ "A federal judge in Texas ruled ...": an indefinite subject in the article's first
    paragraph, the way a lead introduces someone it names later."""
    if noun.tag_ != "NN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if "\n" in text_of(noun.doc)[: noun.idx]:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def _partitive_head(noun: Token) -> Token | None:
    """ "One of the victims" / "one of their daughters": the word "one" when `noun` is the
    plural object of its "of"."""
    if noun.tag_ != "NNS" or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    one = noun.head.head
    if one.lower_ == "one" and one.i < noun.i:
        return one
    return None


def _determiner(noun: Token, determiners: frozenset[str]) -> Token | None:
    det = next((c for c in noun.children if c.dep_ == "det" and c.i < noun.i), None)
    if det is None or det.lower_ not in determiners:
        return None
    if any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in noun.children):
        return None  # "the Hamas official": a member of a named body, left to collectives
    return det


def _named_by(noun: Token) -> bool:
    """A description that a name stands beside: "the lawyer, Howard Rubel", "the judge
    presiding over the case, Bernard Schwartz" (appositive), "The attacker, identified as
    Sudesh Amman", "the mayor of London, Sadiq Khan", or "officer Smith"."""
    near = [noun, *(p for c in noun.children if c.dep_ == "prep" for p in c.children)]
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for t in near for c in t.children):
        return True
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        named = [g for p in acl.children if p.lower_ == "as" for g in p.children]
        if any(g.pos_ == "PROPN" for g in named):
            return True
    return noun.dep_ in ("compound", "appos") and noun.head.pos_ == "PROPN"


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 10**9)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def person_roles(doc: Doc, mentions: list[tuple[int, int]], titles: list[str]) -> set[str]:
    """Role nouns the article gives a named person: title heads ("Judge"), appositives ("a
    Toronto lawyer"), and nouns before the name ("officers Marc Duval and ...")."""
    roles, _, _ = _lexicon()
    found = {t.split()[-1].lower() for t in titles}
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        heads = [span.root]
        if span.root.dep_ == "conj":
            heads.append(span.root.head)  # "officers A and B": B is an officer too
        for head in heads:
            for child in head.children:
                if child.dep_ in ("compound", "appos", "nmod") and child.pos_ == "NOUN":
                    found.add(child.lemma_.lower())
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                found.add(head.head.lemma_.lower())
    return {r for r in found if r in roles}
