"""Which entities a noun phrase names: its own entity, the members it lists, each conjunct,
else whoever owns or authored it, else the country it comes from ("Marchers in Lima").

Pronouns and descriptions are already mentions of entities (coref), so the index of mention
characters answers for them too.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dateline import lexicons
from dateline.schema import Entity
from dateline.stages.actors import sector_of
from dateline.stages.gazetteer import country_of_name

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP", "GPE", "NORP"})
# Appositions within appositions (or "including" lists within lists) deeper than this are
# parser noise on garbled text, where a chain can be thousands of tokens long.
_MAX_NESTING = 4


class MentionIndex:
    """Which entity a token belongs to (the longest mention covering it wins)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_char: dict[int, tuple[Entity, int]] = {}
        self.countries: dict[str, Entity] = {}  # ISO3 -> the article's entity for the country
        for entity in entities:
            code = country_of_name(entity.name) if entity.type == "GPE" else None
            if code is not None:
                self.countries.setdefault(code, entity)
            for m in entity.mentions:
                length = m.end - m.start
                for i in range(m.start, m.end):
                    best = self.by_char.get(i)
                    if best is None or length > best[1]:
                        self.by_char[i] = (entity, length)

    def entity(self, token: Token) -> Entity | None:
        hit = self.by_char.get(token.idx)
        return hit[0] if hit else None


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated under it, in order (iterative: a list of
    thousands of items must not exhaust the stack)."""
    out: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += reversed([c for c in tok.children if c.dep_ == "conj"])
    return out


def entities_of(
    token: Token, index: MentionIndex, types: frozenset[str] = ACTOR_TYPES, depth: int = 0
) -> list[Entity]:
    """Entities a noun phrase refers to: the head's own entity, members listed with
    "including", each conjunct, else an owner ("the Security Council's resolution")."""
    found: list[Entity] = []
    if depth > _MAX_NESTING:
        return found
    for tok in _conjuncts(token):
        including = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "including"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        members = [e for m in including for e in entities_of(m, index, types, depth + 1)]
        if members:
            found += [e for e in members if e not in found]
            continue
        entity = index.entity(tok)
        named = [c for c in tok.children if c.dep_ == "appos"]
        if entity is None and named:  # "her counterpart Li Wei and Minister Omar Haddad"
            found += [
                e for a in named for e in entities_of(a, index, types, depth + 1) if e not in found
            ]
            continue
        if entity is not None and country_of(entity) is None:  # "Iraqi Kurds": code by Iraq
            entity = _origin_in_phrase(tok, index) or entity
        if entity is None:
            owners = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            entity = next((e for o in owners if (e := index.entity(o)) and owns(o, e)), None)
        if entity is None and tok.lemma_.lower() in _authored():  # "the proclamation by Trump"
            entity = next((e for p in _authors(tok) if (e := index.entity(p)) is not None), None)
        more: list[Entity] = []
        if entity is None:
            origins = _origins_in_phrase(tok, index)  # "the armies of Chad and Niger"
            entity, more = (origins[0], origins[1:]) if origins else (None, [])
        if entity is not None and entity.type == "NORP":  # "alleged Syrian involvement"
            entity = index.countries.get(country_of(entity) or "", entity)
        for e in [entity, *more]:
            if e is not None and e.type in types and e not in found:
                found.append(e)
    return found


@cache
def _authored() -> frozenset[str]:
    """Nouns for things said or decided, which belong to whoever said or decided them."""
    return frozenset(w.lower() for w in lexicons.load("event_roles")["said_or_decided"])


def _authors(noun: Token) -> list[Token]:
    """The "by" phrase of a noun, also where the parser hung it on an active verb right after
    the noun ("attacked the decision by the president")."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
    verb = noun.head
    if noun.dep_ == "dobj" and not any(c.dep_ in ("auxpass", "agent") for c in verb.children):
        preps += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "by" and c.i == noun.right_edge.i + 1
        ]
    return [p for prep in preps for p in prep.children if p.dep_ == "pobj"]


def owns(modifier: Token, entity: Entity) -> bool:
    """Whether a modifier names who a phrase belongs to: "the council's resolution", "US
    airstrikes"; a city or region before a noun is where it happened ("a Kabul car bombing")."""
    if modifier.dep_ == "poss" or entity.type != "GPE":
        return True
    return country_of_name(entity.name) is not None


def country_of(entity: Entity) -> str | None:
    if entity.actor and entity.actor.country:
        return entity.actor.country
    return entity.geo.country if entity.geo else None


def _origin_in_phrase(token: Token, index: MentionIndex) -> Entity | None:
    """A country or nationality inside a phrase that names no entity itself: "Marchers
    in Lima", "Nurses from a Canadian charity". Event data codes such actors by it."""
    origins = _origins_in_phrase(token, index)
    return origins[0] if origins else None


def _origins_in_phrase(token: Token, index: MentionIndex) -> list[Entity]:
    """The first such country, with the countries coordinated with it ("the armies of Chad,
    Niger and Mali")."""
    people = sector_of(token.text) is not None or sector_of(token.lemma_) is not None
    for t in token.subtree:
        if t.i > token.i and (t.is_punct or t.dep_ in ("relcl", "acl", "appos", "conj", "cc")):
            break  # a conjunct is a phrase of its own (entities_of walks them)
        direct = t.head.i == token.i and t.dep_ in ("amod", "compound", "nmod")
        if not (direct or people):  # "a ceasefire in Gaza" is no Gazan actor
            continue
        entity = index.entity(t)
        if entity is not None and not people and not owns(t, entity):
            continue  # "the Copenhagen summit" is where it met, not whose it was
        if entity is not None and entity.type in ("GPE", "NORP") and country_of(entity):
            out = [entity]
            for c in _conjuncts(t)[1:]:
                other = index.entity(c)
                if (
                    other is not None
                    and other.type == "GPE"
                    and country_of(other)
                    and other not in out
                ):
                    out.append(other)
            return out
    return []
