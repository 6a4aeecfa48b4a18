"""Who does what in an event named by a noun: "his resignation" (he resigns), "his arrest"
(he is arrested), "criticism of the plan by the minister".

English marks the roles of a noun's arguments by the noun: the owner of a patient noun is the
one acted on, of an intransitive noun the one acting (lexicons/event_roles.yaml); "by" always
names the actor and "of" the one acted on unless the act has no object.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dateline import lexicons
from dateline.schema import Entity
from dateline.stages.events.participants import MentionIndex, entities_of, owns
from dateline.stages.syntax import prep_objects

_OWNERS = frozenset({"poss", "compound", "amod"})


@cache
def _nouns() -> tuple[frozenset[str], frozenset[str]]:
    roles = lexicons.load("event_roles")
    return frozenset(roles["patient_nouns"]), frozenset(roles["intransitive_nouns"])


def acted_on(noun: Token) -> bool:
    """Whether a noun's owner is the one the act is done to ("his arrest")."""
    return noun.lemma_.lower() in _nouns()[0]


def attributed(noun: Token) -> list[Token]:
    """The words for whoever another verb says did the noun's act: "attributed the bombing to
    the rebels", "an attack ascribed to the Taliban", "the group claimed responsibility for
    the attack" (lexicons/event_roles.yaml)."""
    roles = lexicons.load("event_roles")
    preps: dict[str, str] = {k.lower(): v for k, v in roles["attribution"].items()}

    def objects(verb: Token) -> list[Token]:
        wanted = preps.get(verb.lemma_.lower())
        return [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == wanted
            for p in c.children
            if p.dep_ == "pobj"
        ]

    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in preps:
        return objects(noun.head)
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in preps:
            return objects(child)
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_.lower() == "responsibility"
    ):
        verb = head.head.head
        if verb.lemma_.lower() in roles["responsibility"]:
            return [c for c in verb.children if c.dep_ == "nsubj"]
    return []


def noun_roles(noun: Token, index: MentionIndex) -> tuple[list[Entity], list[Entity], bool]:
    """(actors, recipients, whether that is all) a noun trigger names inside its own phrase,
    or through a verb of receiving: "Qawi drew criticism from clerics" (clerics -> Qawi)."""
    received = receiver(noun)
    if received is not None:
        givers = [
            e
            for head in (noun, noun.head)
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
            for p in prep_objects(c)
            for e in entities_of(p, index)
        ]
        return _unique(givers), entities_of(received, index), True
    actors, recipients = _own_roles(noun, index)
    doers = [e for t in attributed(noun) for e in entities_of(t, index)]
    return (doers or actors), recipients, bool(doers)


def receiver(noun: Token) -> Token | None:
    """The subject of a verb of receiving whose object the noun is ("drew criticism",
    "received support", "came under criticism")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "under":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in lexicons.load("event_roles")["receiving"]:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _own_roles(noun: Token, index: MentionIndex) -> tuple[list[Entity], list[Entity]]:
    patient, intransitive = _nouns()
    lemma = noun.lemma_.lower()
    owners = [
        e
        for c in noun.children
        if c.dep_ in _OWNERS
        for e in entities_of(c, index)
        if owns(c, e)  # "the Copenhagen summit" is no summit of Copenhagen's
    ]
    by, of = [], []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "of"):
            found = [e for p in prep_objects(child) for e in entities_of(p, index)]
            (by if child.lower_ == "by" else of).extend(found)
    if lemma in intransitive:  # "of" only when no verb above says who acts (extract.py)
        return _unique(owners + by), []
    if lemma in patient:
        return by, _unique(owners + of)
    return _unique(owners + by), of


def of_actors(noun: Token, index: MentionIndex) -> list[Entity]:
    """Who acts in an intransitive noun's "of" phrase ("the resignation of the minister"):
    the phrase's own entity, not a place inside it ("forces from Panama")."""
    if noun.lemma_.lower() not in _nouns()[1]:
        return []
    return [
        e
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in prep_objects(c)
        if (e := index.entity(p)) is not None
    ]


def _unique(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for e in entities:
        if e not in out:
            out.append(e)
    return out
