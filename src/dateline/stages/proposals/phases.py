"""Phases: the parts of a proposal when the text lists them ("includes three phases, starting
with a six-week truce ...", "the second phase would include ...", "the final phase ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.schema import Phase
from dateline.stages.proposals.grouping import Group, pronoun_proposal
from dateline.stages.proposals.lexicon import lemma, words
from dateline.stages.proposals.mentions import Mention

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_STARTERS = frozenset({"start", "begin", "open", "kick"})


def find_phases(
    doc: Doc, group_index: int, groups: list[Group], mentions: list[Mention]
) -> list[Phase]:
    """The phases of one proposal, numbered, in order; [] when the text lists none."""
    group = groups[group_index]
    lo, hi = _scope(group_index, groups)
    counts = _declared_counts(doc, group_index, group, mentions, lo, hi)
    phases: dict[int | str, Span] = {}
    for _, said in counts:
        first = _starting_with(said)
        if first is not None:
            phases[1] = first
            break
    count = counts[0] if counts else None
    for token in doc:
        if not (lo <= token.idx < hi) or lemma(token) not in words().phase_nouns:
            continue
        number = _ordinal(token)
        if number is None:
            continue
        content = _content(token)
        if content is not None and number not in phases:
            phases[number] = content
    total = count[0] if count is not None else None
    numbered = [n for n in phases if isinstance(n, int)]
    if "last" in phases:
        last = total if total is not None else max(numbered, default=0) + 1
        if last not in phases:
            phases[last] = phases["last"]
        del phases["last"]
    return [
        Phase(n=n, text=span.text, start=span.start_char, end=span.end_char)
        for n, span in sorted(phases.items())  # type: ignore[arg-type]
    ]


def _scope(index: int, groups: list[Group]) -> tuple[int, int]:
    """Characters where this proposal's phases may be listed: from its first mention to the
    first mention of the next proposal named after it."""
    start = groups[index].mentions[0].start
    later = [g.mentions[0].start for g in groups if g.mentions[0].start > start]
    return start, min(later, default=10**9)


def _refers(token: Token, group_index: int, mentions: list[Mention]) -> bool:
    if any(m.head.i == token.i and m.proposal == group_index for m in mentions):
        return True
    return pronoun_proposal(token, mentions) == group_index


def _declared_counts(
    doc: Doc, index: int, group: Group, mentions: list[Mention], lo: int, hi: int
) -> list[tuple[int, Token]]:
    """Counts of phases the text declares, with the word they hang on: "the proposal includes
    three phases" -> (3, the verb), when its subject is the proposal (these first); "a
    three-phase plan" -> (3, the plan's head)."""
    found = []
    for m in group.mentions:
        for child in m.head.children:
            if lemma(child) in words().phase_nouns:
                value = _number(next((c for c in child.children if c.dep_ == "nummod"), None))
                if value:
                    found.append((value, m.head))
    for token in doc:
        if not (lo <= token.idx < hi) or lemma(token) not in words().phase_nouns:
            continue
        value = _number(next((c for c in token.children if c.dep_ == "nummod"), None))
        if value is None or token.dep_ != "dobj":
            continue
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if value and subject is not None and _refers(subject, index, mentions):
            found.insert(0, (value, verb))
    return found


def _number(token: Token | None) -> int | None:
    if token is None:
        return None
    return _NUMBERS.get(token.lower_) or (int(token.text) if token.text.isdigit() else None)


def _starting_with(verb: Token) -> Span | None:
    """ "..., starting with a six-week truce that ..." -> the first phase."""
    for child in verb.children:
        if child.dep_ in ("advcl", "acl") and lemma(child) in _STARTERS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    objects = [o for o in prep.children if o.dep_ == "pobj"]
                    if objects:
                        return _subtree(objects[0])
    return None


def _ordinal(token: Token) -> int | str | None:
    for child in token.children:
        if child.dep_ in ("amod", "nummod", "compound"):
            value = words().ordinals.get(child.lower_)
            if value is not None:
                return value
    return None


def _content(phase: Token) -> Span | None:
    """What a numbered phase holds: the object of "would include/involve/see", or the rest of
    the clause after "In the first phase, ..."."""
    if phase.dep_ == "nsubj" and lemma(phase.head) in words().phase_contents:
        objects = [c for c in phase.head.children if c.dep_ in ("dobj", "attr", "prep")]
        if objects:
            tokens = [t for o in objects for t in o.subtree]
            return _trimmed(phase.doc, min(t.i for t in tokens), max(t.i for t in tokens))
    if phase.dep_ == "pobj" and phase.head.lower_ in ("in", "during"):
        verb = phase.head.head
        rest = [t for t in verb.subtree if t.i > phase.i and t.i not in _ids(phase.head)]
        rest = [t for t in rest if not (t.is_punct and t.i == rest[0].i)] if rest else rest
        if rest:
            first = min(t.i for t in [*rest, verb] if t.i > phase.head.i)
            return _trimmed(phase.doc, first, max(t.i for t in rest))
    return None


def _ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _subtree(token: Token) -> Span:
    sub = sorted(token.subtree, key=lambda t: t.i)
    return _trimmed(token.doc, sub[0].i, sub[-1].i)


def _trimmed(doc: Doc, start: int, end: int) -> Span:
    while start < end and (doc[start].is_punct or doc[start].dep_ == "mark"):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]
