"""Allegations as events: saying that someone did wrong accuses them (PLOVER ACCUSE).

Two shapes, both read off the parse with the word lists of lexicons/events.yaml:
"the motion claimed the agency violated the law" (a verb of allegation whose content is a
wrongdoing or a hostile act: the claimant accuses), and "'they are lying', he said" (a
wrongdoing told by a speaker: the speaker accuses its doer).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicons.load("events")
    return frozenset(lex["allegation_verbs"]), frozenset(lex["wrongdoing"])


def _content(verb: Token) -> list[Token]:
    """The verbs of what an allegation says: its complement clause and that clause's
    conjuncts ("lied and violated the deal")."""
    out: list[Token] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        out.append(clause)
        out += [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return out


def alleges_wrong(verb: Token, hostile: set[str]) -> bool:
    """Whether a verb of allegation says that someone did wrong; `hostile` holds the lemmas
    that trigger hostile events (ASSAULT, COERCE, THREATEN)."""
    allegation, wrongdoing = _words()
    if verb.lemma_.lower() not in allegation:
        return False
    return any(
        v.lemma_.lower() in wrongdoing or v.lemma_.lower() in hostile for v in _content(verb)
    )


def wrongdoings(doc: Doc) -> Iterator[Token]:
    """Verbs of wrongdoing with a doer ("are lying", "abused their power"): an accusation by
    whoever says so, when someone does."""
    _, wrongdoing = _words()
    for token in doc:
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in wrongdoing
            and any(c.dep_ == "nsubj" for c in token.children)
        ):
            yield token
