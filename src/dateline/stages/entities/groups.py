"""Plural references: "they", "both officers", "the two men", "the Harlans".

A plural pronoun or a definite plural description points back to a plural referent: people
the article named together ("officers Marc Duval and Paul Roche", "David and Louise
Harlan"), a family by its surname ("the Harlans"), a collective actor ("U.S. officials"), an
organization, or a nationality. People named together become a GROUP entity whose `members`
are their entities, created only when something refers to them; its name lists the members.
When the nearest plural subject is something no entity stands for ("the talks ... they"), the
pronoun is left alone rather than linked to a wrong actor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Actor, Entity, Evidence, Mention, Span
from dateline.stages import text_of
from dateline.stages.entities.descriptions import role_nouns
from dateline.stages.syntax import coordinated

_LOOKBACK = 2  # sentences before a pronoun's own in which its antecedent may stand
_NEAR = 5  # sentences within which "the two men" may count the people named together
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PLURAL_TYPES = frozenset({"GROUP", "ORG", "NORP"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2}


@dataclass
class _Candidate:
    """Something plural that a later "they" may stand for."""

    start: int
    end: int
    sent: int
    subject: bool
    entity: Entity | None  # None: a plural noun no entity stands for
    members: tuple[Entity, ...] = ()
    roles: set[str] = field(default_factory=set)


@cache
def _lexicon() -> tuple[
    frozenset[str],
    frozenset[str],
    frozenset[str],
    dict[str, int],
    frozenset[str],
    frozenset[str],
    frozenset[str],
]:
    desc = lexicons.load("descriptions")
    plural = desc["plural"]
    roles = set(role_nouns())
    roles |= {w.lower() for w in plural["nouns"]}
    return (
        frozenset(w.lower() for w in plural["pronouns"]),
        frozenset(roles),
        frozenset(w.lower() for w in plural["determiners"]),
        {k.lower(): int(v) for k, v in plural["collectives"].items()},
        frozenset(w.lower() for w in plural["kin"]),
        frozenset(w.lower() for w in plural["nouns"]),
        frozenset(w.lower() for w in plural["couple"]),
    )


def resolve_groups(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """Link plural pronouns and descriptions to their referents; return the new GROUP
    entities (ids continue after the last entity)."""
    pronouns, roles, determiners, *_ = _lexicon()
    text = text_of(doc)
    sent_starts = [s.start_char for s in doc.sents]
    owner = _owners(entities)
    candidates = _named_together(doc, entities, owner, sent_starts)
    candidates += _families(entities, candidates, sent_starts)
    candidates += _plural_entities(doc, entities, sent_starts)
    candidates += _plural_nouns(doc, owner, roles, sent_starts)
    candidates.sort(key=lambda c: c.start)
    groups: dict[frozenset[str], Entity] = {}
    known = {frozenset(e.members): e for e in entities if e.members}

    def link(candidate: _Candidate, start: int, end: int, kind: str, rule: str) -> None:
        target = candidate.entity
        if target is None:
            ids = frozenset(m.id for m in candidate.members)
            target = known.get(ids) or groups.get(ids)
            if target is None:
                target = groups[ids] = _group(text, candidate)
        via = Span(
            text=text[candidate.start : candidate.end], start=candidate.start, end=candidate.end
        )
        target.mentions.append(
            Mention(text=text[start:end], start=start, end=end, kind=kind, rule=rule, via=via)
        )  # type: ignore[arg-type]
        for i in range(start, end):
            owner[i] = target
        sent = _sent(sent_starts, start)
        anchor = doc.char_span(start, end, alignment_mode="expand")
        subject = anchor is not None and _is_subject(anchor.root)
        later = _Candidate(start, end, sent, subject, target, candidate.members, candidate.roles)
        candidates.insert(bisect_right([c.start for c in candidates], start), later)

    for token in doc:
        if token.idx in owner:
            continue
        lower = token.lower_
        if lower in pronouns and token.pos_ == "PRON":
            if _quoted(text, token.idx):
                continue  # in a speaker's own words "they" follows the speaker's discourse
            found = _antecedent(token, candidates, sent_starts)
            if found is not None:
                link(found, token.idx, token.idx + len(token), "pronoun", "plural pronoun")
            continue
        described = _description(token, roles, determiners)
        if described is None:
            continue
        start, count = described
        found = _described(token, count, candidates, sent_starts)
        if found is not None:
            link(found, start, token.idx + len(token), "description", "plural description")
    new = sorted(groups.values(), key=lambda g: g.mentions[0].start)
    for n, group in enumerate(new, len(entities) + 1):
        group.id = f"E{n}"
        group.mentions.sort(key=lambda m: m.start)
    return new


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` lies inside double quotation marks of its paragraph."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    opened = before.count("“") - before.count("”")
    return opened > 0 or (opened == 0 and before.count('"') % 2 == 1)


def _owners(entities: list[Entity]) -> dict[int, Entity]:
    owner: dict[int, Entity] = {}
    for entity in entities:
        for m in entity.mentions:
            for i in range(m.start, m.end):
                owner.setdefault(i, entity)
    return owner


def _sent(sent_starts: list[int], pos: int) -> int:
    return bisect_right(sent_starts, pos) - 1


def _is_subject(token: Token) -> bool:
    return token.dep_ in _SUBJECTS or (token.dep_ == "conj" and token.head.dep_ in _SUBJECTS)


def _named_together(
    doc: Doc, entities: list[Entity], owner: dict[int, Entity], sent_starts: list[int]
) -> list[_Candidate]:
    """People coordinated in one phrase: "officers Marc Duval and Paul Roche"."""
    found: dict[tuple[str, ...], _Candidate] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for m in entity.mentions:
            if m.kind != "name":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.dep_ == "conj":
                continue  # the first conjunct gathers the others
            heads = [span.root, *_all_conjuncts(span.root)]
            people = [owner.get(h.idx) for h in heads]
            if len(heads) < 2 or any(p is None or p.type != "PERSON" for p in people):
                continue
            unique = {p.id: p for p in people if p is not None}
            members = tuple(unique.values())
            if len(members) < 2:
                continue
            last = heads[-1]
            if "\n" in text_of(doc)[span.start_char : last.idx]:
                continue  # a parse that ran across paragraphs
            roles = {
                c.lemma_.lower()
                for h in heads
                for c in h.children
                if c.dep_ in ("compound", "appos", "nmod") and c.pos_ == "NOUN"
            }
            key = tuple(p.id for p in members)
            found.setdefault(
                key,
                _Candidate(
                    span.start_char,
                    last.idx + len(last),
                    _sent(sent_starts, span.start_char),
                    _is_subject(span.root),
                    None,
                    members,
                    roles,
                ),
            )
    return list(found.values())


def _all_conjuncts(token: Token) -> list[Token]:
    out: list[Token] = []
    for tok in coordinated(token):
        if tok.i > token.i:
            out += [tok, *_all_conjuncts(tok)]
    return out


def _families(
    entities: list[Entity], candidates: list[_Candidate], sent_starts: list[int]
) -> list[_Candidate]:
    """ "The Harlans": a plural surname shared by two or more people the article names."""
    by_surname: dict[str, list[Entity]] = {}
    for e in entities:
        if e.type == "PERSON" and len(e.name.split()) > 1:
            by_surname.setdefault(e.name.split()[-1], []).append(e)
    found = []
    for e in entities:
        if e.type == "PERSON" or not e.name.endswith("s"):
            continue
        family = by_surname.get(e.name.removeprefix("the ")[:-1], [])
        if len(family) < 2:
            continue
        # the family is its people: the surname-plural entity becomes their group
        e.type = "GROUP"
        e.members = [p.id for p in family]
        roles = set(_lexicon()[6]) if len(family) == 2 else set()
        for m in e.mentions:
            found.append(
                _Candidate(
                    m.start, m.end, _sent(sent_starts, m.start), False, e, tuple(family), roles
                )
            )
    return found


def _plural_entities(doc: Doc, entities: list[Entity], sent_starts: list[int]) -> list[_Candidate]:
    """Mentions of entities a plural pronoun can stand for: groups, organizations, and peoples
    written as a plural noun ("the Palestinians", not the adjective of "Muslim women")."""
    found = []
    for e in entities:
        if e.type not in _PLURAL_TYPES:
            continue
        for m in e.mentions:
            if m.kind == "pronoun" and m.text.lower() not in _lexicon()[0]:
                continue  # "it" of an organization stands for it in the singular
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ in ("amod", "compound", "poss", "nmod") and e.type != "GROUP":
                continue  # "Muslim women", "Omani sultan": a modifier, not the referent
            if e.type == "NORP" and root.tag_ not in ("NNS", "NNPS"):
                continue
            subject = _is_subject(_head(root))
            if e.type == "ORG" and not subject:
                continue  # "speaking about Islam or their experiences": an organization acts
            found.append(_Candidate(m.start, m.end, _sent(sent_starts, m.start), subject, e))
    return found


def _head(token: Token) -> Token:
    while token.dep_ in ("compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token


def _plural_nouns(
    doc: Doc, owner: dict[int, Entity], roles: frozenset[str], sent_starts: list[int]
) -> list[_Candidate]:
    """Plural nouns and collective nouns no entity stands for ("the talks", "Muslim women",
    "the royal council"): they stop a pronoun from reaching past them to an actor it does not
    mean."""
    collective = _collective_nouns()
    return [
        _Candidate(t.idx, t.idx + len(t), _sent(sent_starts, t.idx), _is_subject(t), None)
        for t in doc
        if (t.tag_ in ("NNS", "NNPS") or (t.tag_ == "NN" and t.lower_ in collective))
        and t.dep_ not in ("compound", "amod", "poss")
        and t.idx not in owner
    ]


@cache
def _collective_nouns() -> frozenset[str]:
    nouns = lexicons.load("descriptions")["organizations"]["nouns"]
    return frozenset(n.lower() for n in nouns if " " not in n)


def _antecedent(
    token: Token, candidates: list[_Candidate], sent_starts: list[int]
) -> _Candidate | None:
    """The nearest plural referent before the pronoun in its sentence (a subject for a subject
    pronoun), else the first plural subject of the sentences before; None when that is a
    plural noun no entity or named group stands for."""
    sent = _sent(sent_starts, token.idx)
    lo = sent_starts[max(0, sent - _LOOKBACK)]
    window = candidates[
        bisect_left(candidates, lo, key=lambda c: c.start) : bisect_left(
            candidates, token.idx, key=lambda c: c.start
        )
    ]
    before = [c for c in window if c.end <= token.idx]
    same = [c for c in before if c.sent == sent]
    chosen: _Candidate | None = None
    if same:
        subjects = [c for c in same if c.subject] if _is_subject(token) else []
        chosen = (subjects or same)[-1]
    else:
        # the nearest sentence with a plural subject ("A and B met … The minister joined the
        # talks. They concluded …": not "the talks"), else the nearest plural of any kind
        earlier = [[c for c in before if c.sent == sent - back] for back in range(1, _LOOKBACK + 1)]
        subjects = [c for prior in earlier for c in prior if c.subject][:1]
        chosen = (subjects or [prior[0] for prior in earlier if prior][:1] or [None])[0]
    if chosen is None or (chosen.entity is None and not chosen.members):
        return None
    return chosen


def _description(
    token: Token, roles: frozenset[str], determiners: frozenset[str]
) -> tuple[int, int | None] | None:
    """(start, number) of a definite plural description headed by `token`: "both officers",
    "the two men", "the defendants", "the couple"."""
    sets = _lexicon()[3]
    lemma = token.lemma_.lower()
    if not (token.tag_ == "NNS" and lemma in roles) and not (token.tag_ == "NN" and lemma in sets):
        return None
    if any(c.dep_ in ("relcl", "acl") for c in token.children):
        return None  # "those people who ...": a restrictive description, not a reference
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("det", "predet", "nummod")]
    words = {c.lower_ for c in left}
    if not words & determiners:
        return None
    count = sets.get(lemma) or next((_NUMBERS[w] for w in words if w in _NUMBERS), None)
    return min(c.idx for c in left), count


def _described(
    token: Token, count: int | None, candidates: list[_Candidate], sent_starts: list[int]
) -> _Candidate | None:
    """The people a plural description stands for: the latest group named with that role
    ("officers A and B" for "both officers"); for a number ("the two men") the latest group of
    that size nearby; for another role ("the defendants") the article's one group of people
    named together; else a collective with the same head noun. Kin ("the children") and plain
    nouns ("the people", "the girls") are never guessed."""
    lemma = token.lemma_.lower()
    _, _, _, _, kin, generic, _ = _lexicon()
    sent = _sent(sent_starts, token.idx)
    before = [c for c in candidates if c.end <= token.idx and (c.members or c.entity)]
    people = [c for c in before if c.members and (count is None or len(c.members) == count)]
    for c in reversed(people):
        if lemma in c.roles:
            return c
    guess: _Candidate | None = None
    if not _is_subject(token):
        people = []  # a guess only where it matters and is safest: the one who acts or speaks
    if count is not None and lemma not in kin:
        near = [c for c in people if sent - c.sent <= _NEAR]
        guess = near[-1] if near else None
    elif lemma not in kin and lemma not in generic:
        sets = {frozenset(m.id for m in c.members) for c in candidates if c.members}
        guess = people[-1] if len(sets) == 1 and people else None
    if guess is not None:
        return guess
    collective = [
        c
        for c in before
        if c.entity is not None
        and c.entity.type == "GROUP"
        and not c.members
        and c.entity.name.split()[-1].lower() in (token.lower_, lemma)
    ]
    return collective[-1] if collective else None


def _group(text: str, candidate: _Candidate) -> Entity:
    """A GROUP entity for people named together, coded like its members when they agree."""
    members = list(candidate.members)
    names = [m.name for m in members]
    name = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    codes = {m.actor.code for m in members if m.actor}
    countries = {m.actor.country for m in members if m.actor}
    actor = None
    if len(codes) == 1 and all(m.actor for m in members):
        actor = members[0].actor.model_copy() if members[0].actor else None
    elif len(countries) == 1 and None not in countries:
        country = countries.pop()
        actor = Actor(country=country, code=country)
    evidence = Evidence(
        kind="members",
        text=text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
    )
    return Entity(
        id="",
        name=name,
        type="GROUP",
        mentions=[],
        members=[m.id for m in members],
        evidence=[evidence],
        actor=actor,
    )


def merge_generic_groups(entities: list[Entity]) -> list[Entity]:
    """ "The government said ..." after "the Philippine government": a collective written
    without its origin is the group of the same code and head word the article names with
    one, once both are coded. Its mentions join that group (rule "head noun", via the named
    group's first mention); ids are renumbered, members kept pointing at the right entities."""
    named: dict[tuple[str, str], Entity] = {}
    for e in entities:
        if e.type == "GROUP" and not e.members and e.actor and e.actor.code and " " in e.name:
            named.setdefault((e.actor.code, e.name.split()[-1].lower()), e)
    gone: set[str] = set()
    for e in entities:
        if e.type != "GROUP" or e.members or not e.actor or not e.actor.code or " " in e.name:
            continue
        target = named.get((e.actor.code, e.name.lower()))
        if target is None or target is e:
            continue
        first = target.mentions[0]
        via = Span(text=first.text, start=first.start, end=first.end)
        target.mentions += [
            m.model_copy(update={"kind": "description", "rule": "head noun", "via": via})
            for m in e.mentions
        ]
        target.mentions.sort(key=lambda m: m.start)
        gone.add(e.id)
    if not gone:
        return entities
    kept = [e for e in entities if e.id not in gone]
    renamed = {e.id: f"E{n}" for n, e in enumerate(kept, 1)}
    for e in kept:
        e.id = renamed[e.id]
        e.members = [renamed[m] for m in e.members if m in renamed]
    return kept
