"""Readings of a stance's clause: who takes it, who reports it, when, and the words that
are its evidence, its conditions and its threats."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.schema import Entity, Quote, Time
from dateline.stages.events.args import MentionIndex
from dateline.stages.proposals.lexicon import lemma, words

CORE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "dobj", "prep", "xcomp", "ccomp", "advmod"}
    | {"prt", "acomp", "attr", "dative", "agent", "npadvmod"}
)
FIRST_PERSON = frozenset({"i", "we", "us", "me", "our"})
RELATIVE = frozenset({"who", "which", "that"})
FUTURE = frozenset({"will", "would", "wo", "shall", "can", "ca", "could"})
HYPOTHETICAL_MARKS = frozenset({"if", "whether", "unless"})


def subjects(verb: Token) -> list[Token]:
    """The subject of a verb and its conjuncts ("Egypt and Jordan welcomed"), climbing to the
    verb it is coordinated with or controlled by, or to the noun a relative clause describes."""
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in RELATIVE and current.dep_ == "relcl":
                    return [current.head]
                return [child, *_conjuncts(child)]
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
            current = current.head
        elif current.dep_ in ("relcl", "acl"):
            return [current.head]
        else:
            return []
    return []


def agent(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            return [p for p in child.children if p.dep_ == "pobj"]
    return []


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out += [child, *_conjuncts(child)]
    return out


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    """The innermost quote covering a character."""
    inside = [q for q in quotes if q.start <= offset < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def actor_of(
    token: Token, index: MentionIndex, quotes: list[Quote], entities: list[Entity]
) -> Entity | None:
    """The entity a subject word stands for; "we" inside a quote is its speaker."""
    if token.lower_ in FIRST_PERSON:
        quote = quote_at(quotes, token.idx)
        if quote is not None and quote.speaker:
            return next((e for e in entities if e.id == quote.speaker), None)
    return index.entity(token)


def reporter(verb: Token) -> Token | None:
    """The reporting verb whose content clause holds `verb` ("told reporters that ...")."""
    current = verb
    for _ in range(4):
        if current.dep_ not in ("ccomp", "conj", "xcomp") or current.head.i == current.i:
            return None
        current = current.head
        if lemma(current) in words().reporting:
            return current
    return None


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def future(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE for c in token.children)


def hypothetical(verb: Token) -> bool:
    """A stance in an "if" or "whether" clause is not taken (but "has not said whether it
    supports" is an undecided actor: see `stances._mood`)."""
    report = reporter(verb)
    if report is not None and negated(report):
        return False
    current = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in current.children):
            return True
        if current.dep_ not in ("conj", "xcomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def clause_bounds(verb: Token, keep: list[Token] = ()) -> tuple[int, int]:  # type: ignore[assignment]
    """Token range of the verb's own clause: its subject, auxiliaries, objects and
    complements, without the clauses merely attached to it; `keep` adds further subtrees.
    A verb under "vowed to" or "refused to" shows with the verb that controls it."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    tokens = _clause_tokens(verb)
    for extra in keep:
        tokens += list(extra.subtree)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens)
    doc = verb.doc
    while start < end and (doc[start].dep_ in ("mark", "cc", "punct") or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return start, end


def marked_condition(verb: Token, markers: tuple[tuple[str, ...], ...]) -> Span | None:
    """ "... provided that X" after the verb in its sentence: X, to the end of the sentence."""
    sent = verb.sent
    tokens = [t for t in sent if t.i > verb.i]
    for i in range(len(tokens)):
        for marker in markers:
            if len(marker) < 2:
                continue  # a bare "if" is read from the parse
            window = [t.lower_ for t in tokens[i : i + len(marker)]]
            if window == list(marker):
                start = i + len(marker)
                end = len(tokens) - 1
                while end > start and (tokens[end].is_punct or tokens[end].is_space):
                    end -= 1
                if end >= start:
                    return verb.doc[tokens[start].i : tokens[end].i + 1]
    return None


def _clause_tokens(verb: Token) -> list[Token]:
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            tokens += _clause_tokens(child) + [c for c in child.children if c.dep_ == "mark"]
        elif child.dep_ in CORE_DEPS:
            tokens += list(child.subtree)
    return tokens


def phrase_after(verb: Token, skip: frozenset[str] = frozenset({"mark", "aux", "neg"})) -> Span:
    """The verb's complement as written ("demanding X to Y" -> "X to Y")."""
    tokens = [t for c in verb.children if c.i > verb.i and c.dep_ not in skip for t in c.subtree]
    tokens = [t for t in tokens if not (t.is_punct and t.i == max(x.i for x in tokens))]
    if not tokens:
        return verb.doc[verb.i : verb.i + 1]
    return verb.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def without_mark(clause: Token) -> Span:
    """A subordinate clause as written, without its "if" or "while"."""
    tokens = sorted(
        (t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)),
        key=lambda t: t.i,
    )
    start, end = tokens[0].i, tokens[-1].i
    while end > start and (clause.doc[end].is_punct or clause.doc[end].is_space):
        end -= 1
    return clause.doc[start : end + 1]


def name_words(token: Token) -> str:
    """The words naming an actor no entity stands for: the noun with its compounds and
    modifiers ("Palestinian negotiators"), not its clauses."""
    left = token.i
    while (
        left > 0
        and token.doc[left - 1].head.i in (token.i, left)
        and token.doc[left - 1].dep_ in ("compound", "amod", "det", "nummod", "poss", "flat")
    ):
        left -= 1
    return token.doc[left : token.i + 1].text


def time_of(
    verb: Token, times: list[Time], skip: list[tuple[int, int]], report: Token | None
) -> Time | None:
    """The time expression in the stance's own clause (not inside the proposal's name), else
    the one of the verb that reports it ("told reporters on Tuesday")."""
    for owner in (verb, report):
        if owner is None:
            continue
        start, end = clause_bounds(owner) if owner is verb else _own_children(owner)
        lo, hi = verb.doc[start].idx, verb.doc[end].idx + len(verb.doc[end])
        for t in times:
            if lo <= t.start and t.end <= hi and not any(a <= t.start < b for a, b in skip):
                if owner is report and _inside_clause(t, verb):
                    continue
                return t
    return None


def _own_children(verb: Token) -> tuple[int, int]:
    """The reporting verb's clause without its content clause."""
    kept = [verb] + [
        t for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod") for t in c.subtree
    ]
    return min(t.i for t in kept), max(t.i for t in kept)


def _inside_clause(time: Time, verb: Token) -> bool:
    sub = list(verb.subtree)
    return sub[0].idx <= time.start < sub[-1].idx + len(sub[-1])
