"""Evaluative speech as events: "the minister called the bombing an act of barbarity"
accuses, "hailed the deal as historic" praises, "said she was a courageous leader"
praises and "'we are with him'" stands with him.

A naming verb of lexicons/evaluations.yaml with an object (what is judged) and a complement
(what it is called) is an ACCUSE (CAMEO 111) when the complement's words weigh negative and a
SUPPORT (CAMEO 051) when they weigh positive, by the valences of VADER's lexicon (the one the
tone stage uses) and the lexicon's own additions. The actor is the verb's subject; the target
is the object when it is an actor, or whoever it belongs to ("Trump's decision").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.stages.tone import valences

_COMPLEMENTS = frozenset({"oprd", "xcomp", "attr", "ccomp", "acomp"})
_MAX_COMPLEMENT = 12  # tokens: a name for something, not an argument about it


@cache
def _lexicon() -> tuple[frozenset[str], float, float, dict[str, float]]:
    lex = lexicons.load("evaluations")
    extra = {w.lower(): float(v) for w, v in (lex.get("valences") or {}).items()}
    return (
        frozenset(v.lower() for v in lex["verbs"]),
        float(lex["accuse"]),
        float(lex["praise"]),
        {**valences(), **extra},
    )


def weigh(tokens: list[Token]) -> float:
    """Sum of the valences of the words, a negation flipping the sign once."""
    _, _, _, table = _lexicon()
    total = sum(table.get(t.lower_, 0.0) for t in tokens)
    if any(t.dep_ == "neg" or t.lower_ in ("not", "no", "never") for t in tokens):
        total = -total
    return total


def evaluations(doc: Doc) -> Iterator[tuple[Token, list[Token], str, str]]:
    """(verb, trigger words, type, CAMEO) for each judgement named by a naming verb."""
    verbs, accuse, praise, _ = _lexicon()
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        judged = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        complement = _complement(token, judged)
        if judged is None or complement is None or not _a_name(complement):
            continue
        if judged.lower_.endswith("self") or judged.lower_.endswith("selves"):
            continue  # "describes itself as ...": a self-portrait, not a judgement
        words = list(complement)
        weight = weigh(words)
        if weight <= accuse:
            yield token, [token], "ACCUSE", "111"
        elif weight >= praise:
            yield token, [token], "SUPPORT", "051"


def _a_name(words: list[Token]) -> bool:
    """A complement that names (a short phrase), not a clause ("called it unlikely that the
    EU would finance ...")."""
    if len(words) > _MAX_COMPLEMENT:
        return False
    return not any(t.dep_ in ("nsubj", "nsubjpass", "mark") for t in words)


def _complement(verb: Token, judged: Token | None) -> list[Token] | None:
    """What the judged thing is called: "called X [an act of ...]", "described X as [...]",
    "referred to as [...]"; the parser puts it in several places."""
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS and child.i > verb.i:
            return list(child.subtree)
        if child.dep_ == "prep" and child.lower_ == "as":
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp", "amod", "acomp")]
            if objs:
                return [t for o in objs for t in o.subtree]
    if judged is not None:  # "called the move a violation", parsed as two objects
        for child in judged.children:
            if child.dep_ in ("appos", "attr", "oprd"):
                return list(child.subtree)
        later = [c for c in verb.children if c.dep_ == "dobj" and c.i > judged.i]
        if later:
            return list(later[0].subtree)
    return None


def spoken_judgements(doc: Doc) -> Iterator[tuple[Token, list[Token], str, str, Token]]:
    """(verb, trigger words, type, CAMEO, whom it is about) for judgements told as plain
    statements: "said she was a courageous leader" (praise), "'we are with him'" (solidarity,
    SUPPORT). Who tells them acts; that is settled where the speaker is known (extract.py)."""
    _, accuse, praise, _ = _lexicon()
    for token in doc:
        if token.lemma_ != "be":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        if subject.lower_ in ("we", "i"):
            prep = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"), None
            )
            whom = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep else None
            if prep is not None and whom is not None:
                yield token, [token, prep], "SUPPORT", "051", whom
            continue
        complement = next((c for c in token.children if c.dep_ in ("attr", "acomp")), None)
        if complement is None or not _a_name(list(complement.subtree)):
            continue
        weight = weigh(list(complement.subtree))
        if weight >= praise:
            yield token, [complement], "SUPPORT", "051", subject
        elif weight <= accuse:
            yield token, [complement], "ACCUSE", "111", subject
