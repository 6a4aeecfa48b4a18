"""Stances: where each actor stands toward a proposal, read off the verb or noun that governs
a mention of it ("rejected it", "reaffirmed his support for the proposal", "is dealing
positively with the proposal while demanding ...").

A negated report ("has not said publicly that he accepts it") leaves the actor undecided; a
stance inside someone's statement is reported by them; "while demanding X" and "will not agree
to anything that would not lead to X" make an acceptance conditional on X.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.schema import Entity, Quote, Time
from dateline.stages.events.args import MentionIndex, actor_like
from dateline.stages.proposals import clauses as cl
from dateline.stages.proposals.grouping import Group, pronoun_proposal
from dateline.stages.proposals.lexicon import lemma, verb_entry, words
from dateline.stages.proposals.mentions import Mention

POSITIVE = ("supports", "accepts", "conditional")
FAILURE = frozenset({"refuse", "decline", "fail"})


@dataclass
class Found:
    """A stance before ids: what `Stance` will hold, with the tokens it came from."""

    proposal: int
    actor: Entity | None
    actor_text: str | None
    kind: str
    verb: Token
    start: int  # token range of the evidence
    end: int
    cue: str
    reported_by: Entity | None = None
    time: Time | None = None
    conditions: list[tuple[int, int]] = field(default_factory=list)  # character spans
    threats: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Context:
    doc: Doc
    index: MentionIndex
    entities: list[Entity]
    quotes: list[Quote]
    times: list[Time]
    mentions: list[Mention]


def find_stances(ctx: Context, groups: list[Group]) -> list[Found]:
    found: list[Found] = []
    refs = [(m.head, m.proposal) for m in ctx.mentions if m.proposal is not None]
    refs += [
        (t, p)
        for t in ctx.doc
        if t.pos_ == "PRON" and (p := pronoun_proposal(t, ctx.mentions)) is not None
    ]
    for token, proposal in sorted(refs, key=lambda r: r[0].i):
        found += _stances_on(token, proposal, ctx)  # type: ignore[arg-type]
    for n, group in enumerate(groups):
        for derived in group.derived:
            if derived.introducer is not None:
                found += _derived_support(derived, n, ctx)
    _add_refusal_conditions(found, ctx)
    return _merged(found)


def _governor(ref: Token) -> tuple[Token, Token | None] | None:
    """The word that takes a stance on `ref` and, for a noun ("his support for"), its verb."""
    while ref.dep_ == "conj" and ref.head.i != ref.i:
        ref = ref.head
    if ref.dep_ == "pobj":
        head = ref.head.head
    elif ref.dep_ in ("dobj", "nsubjpass"):
        head = ref.head
    else:
        return None
    if head.pos_ == "NOUN" and lemma(head) in words().stance_nouns:
        return head, head.head if head.head.pos_ in ("VERB", "AUX") else None
    if head.pos_ in ("VERB", "AUX"):
        return head, None
    return None


def _stances_on(ref: Token, proposal: int, ctx: Context) -> list[Found]:
    governed = _governor(ref)
    if governed is None:
        return []
    word, light = governed
    lex = words()
    if word.pos_ == "NOUN":
        kind, verb, cue = lex.stance_nouns[lemma(word)], light or word, word.text
        owner = [c for c in word.children if c.dep_ == "poss"]
        own_verb = light is not None and lemma(light) in lex.light_verbs
        people = owner or (cl.subjects(verb) if own_verb else [])
    else:
        prep = ref.head if ref.dep_ == "pobj" else None
        entry = verb_entry(word, lex.stance_verbs, prep)
        if entry is None:
            return []
        kind, verb, cue = lex.stance_verbs[entry], word, entry
        people = cl.agent(verb) if ref.dep_ == "nsubjpass" else cl.subjects(verb)
    if cl.hypothetical(verb) or not people:
        return []
    kind, reported = _mood(kind, verb)
    if kind is None:
        return []
    report = cl.reporter(verb)
    # An undecided actor is the article's statement about the report: "has not said that ..."
    evidence = report if report is not None and not reported else verb
    out = []
    for person in people:
        actor = cl.actor_of(person, ctx.index, ctx.quotes, ctx.entities)
        if actor is None and not actor_like(person):
            continue  # "only 27 have ratified it", an unresolved "I": no one to name
        start, end = cl.clause_bounds(evidence)
        found = Found(
            proposal,
            actor,
            None if actor is not None else cl.name_words(person),
            kind,
            verb,
            start,
            end,
            cue,
            reported_by=_reported_by(verb, report, ctx) if reported else None,
            time=cl.time_of(verb, ctx.times, _proposal_spans(ctx), report),
        )
        _conditions_in_clause(found, verb)
        _threats(found, verb)
        out.append(found)
    return out


def _mood(kind: str, verb: Token) -> tuple[str | None, bool]:
    """The stance once negation, refusal and a negated report are read; and whether the
    stance is anyone's report (a negated report is the article's own statement)."""
    report = cl.reporter(verb)
    if report is not None and cl.negated(report) and kind in POSITIVE:
        return "undecided", False  # "has not said publicly that he accepts it"
    if verb.dep_ == "xcomp" and lemma(verb.head) in FAILURE and kind in POSITIVE:
        return "rejects", True  # "refused to accept the plan"
    if cl.negated(verb):
        if kind == "rejects":
            return "undecided", True
        if kind in POSITIVE:
            return ("rejects" if cl.future(verb) else "undecided"), True
        return None, True
    return kind, True


def _reported_by(verb: Token, report: Token | None, ctx: Context) -> Entity | None:
    quote = cl.quote_at(ctx.quotes, verb.idx)
    if quote is not None and quote.speaker:
        return next((e for e in ctx.entities if e.id == quote.speaker), None)
    if report is not None:
        for person in cl.subjects(report):
            entity = cl.actor_of(person, ctx.index, ctx.quotes, ctx.entities)
            if entity is not None:
                return entity
    return None


def _proposal_spans(ctx: Context) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in ctx.mentions]


def _conditions_in_clause(found: Found, verb: Token) -> None:
    """ "while demanding X" and "provided that X" after an acceptance or support."""
    if found.kind not in POSITIVE:
        return
    lex = words()
    for child in verb.children:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "conj" and lemma(child) in lex.condition_verbs and not own_subject:
            span = cl.phrase_after(child)  # "supports the plan but wants guarantees"
            found.conditions.append((span.start_char, span.end_char))
            found.end = max(found.end, span.end - 1)
            continue
        if child.dep_ != "advcl" or child.i < verb.i:
            continue
        if lemma(child) in lex.condition_verbs:
            span = cl.phrase_after(child)
            found.conditions.append((span.start_char, span.end_char))
            found.end = max(found.end, span.end - 1)
        elif any(c.dep_ == "mark" and (c.lower_,) in lex.condition_markers for c in child.children):
            clause = cl.without_mark(child)
            found.conditions.append((clause.start_char, clause.end_char))
            found.end = max(found.end, clause.end - 1)
    if not found.conditions:
        marked = cl.marked_condition(verb, lex.condition_markers)
        if marked is not None:
            found.conditions.append((marked.start_char, marked.end_char))
            found.end = max(found.end, marked.end - 1)
    if found.conditions:
        found.kind = "conditional"


def _threats(found: Found, verb: Token) -> None:
    """ "rejected it and threatened to bring down the government": what is threatened."""
    for child in verb.children:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "conj" and lemma(child) in words().threat_verbs and not own_subject:
            for comp in child.children:
                if comp.dep_ == "xcomp":
                    span = cl.phrase_after(comp, frozenset({"aux", "neg"}))
                    start = comp.i if comp.i < span.start else span.start
                    words_ = verb.doc[start : span.end]
                    found.threats.append((words_.start_char, words_.end_char))
                    found.end = max(found.end, span.end - 1)


def _derived_support(derived: Mention, proposal: int, ctx: Context) -> list[Found]:
    """ "The council passed a resolution ... based on the U.S. plan": the council supports it."""
    verb = derived.introducer
    assert verb is not None
    actor = derived.proposer
    if actor is None and derived.proposer_text is None:
        return []
    start, end = cl.clause_bounds(verb)
    report = cl.reporter(verb)
    return [
        Found(
            proposal,
            actor,
            derived.proposer_text if actor is None else None,
            "supports",
            verb,
            start,
            max(end, derived.derived_from.head.i if derived.derived_from else end),
            verb.text,
            reported_by=_reported_by(verb, report, ctx),
            time=cl.time_of(verb, ctx.times, _proposal_spans(ctx), report),
        )
    ]


def _add_refusal_conditions(found: list[Found], ctx: Context) -> None:
    """ "It will not agree to anything that would not lead to X and end Y": X and Y become
    conditions of the same actor's acceptance or support."""
    lex = words()
    for verb in ctx.doc:
        if lemma(verb) not in lex.condition_refusals or not cl.negated(verb):
            continue
        spans = _refusal_conditions(verb)
        if not spans:
            continue
        actors = [cl.actor_of(s, ctx.index, ctx.quotes, ctx.entities) for s in cl.subjects(verb)]
        report = cl.reporter(verb) or (verb.head if verb.dep_ == "acl" else None)
        if report is not None and not any(actors):
            actors = [
                cl.actor_of(s, ctx.index, ctx.quotes, ctx.entities)
                for s in cl.subjects(report.head if report.dep_ == "dobj" else report)
            ]
        ids = {a.id for a in actors if a is not None}
        own = [f for f in found if f.actor is not None and f.actor.id in ids and f.kind in POSITIVE]
        if not own:
            continue
        target = min(own, key=lambda f: abs(f.verb.i - verb.i))
        target.conditions += spans
        target.kind = "conditional"


def _refusal_conditions(verb: Token) -> list[tuple[int, int]]:
    spans = []
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            for rel in obj.children:
                if rel.dep_ == "relcl" and cl.negated(rel):
                    for clause in (rel, *[c for c in rel.children if c.dep_ == "conj"]):
                        spans.append(_condition_of(clause))
    return spans


def _condition_of(clause: Token) -> tuple[int, int]:
    """ "lead to X" -> X; any other verb keeps its own words ("permanently end Y")."""
    if lemma(clause) in ("lead", "result", "bring"):
        for prep in clause.children:
            if prep.dep_ == "prep":
                objects = [o for o in prep.children if o.dep_ == "pobj"]
                if objects:
                    sub = sorted(objects[0].subtree, key=lambda t: t.i)
                    return sub[0].idx, sub[-1].idx + len(sub[-1])
    kept = [clause] + [
        t
        for c in clause.children
        if c.dep_ not in ("nsubj", "aux", "neg", "cc", "conj", "punct")
        for t in c.subtree
    ]
    first = min(kept, key=lambda t: t.i)
    last = max(kept, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _merged(found: list[Found]) -> list[Found]:
    """One stance per proposal, actor, reporter and side: an actor's support and its demands
    in one article are one conditional stance."""
    out: dict[tuple, Found] = {}
    for f in sorted(found, key=lambda f: f.start):
        side = "positive" if f.kind in POSITIVE else f.kind
        who = f.actor.id if f.actor is not None else f.actor_text
        key = (f.proposal, who, f.reported_by.id if f.reported_by else None, side)
        if key not in out:
            out[key] = f
            continue
        kept = out[key]
        kept.conditions += [c for c in f.conditions if c not in kept.conditions]
        kept.threats += [t for t in f.threats if t not in kept.threats]
        if POSITIVE.index(f.kind) > POSITIVE.index(kept.kind) if side == "positive" else False:
            kept.kind = f.kind
        if kept.conditions and side == "positive":
            kept.kind = "conditional"
        kept.time = kept.time or f.time
    return sorted(out.values(), key=lambda f: f.start)
