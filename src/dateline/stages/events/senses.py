"""Which sense of an ambiguous trigger a sentence uses: "attacked the decision" is an
accusation, not an assault; "released a statement" yields nothing to anyone.

The word lists are in lexicons/event_roles.yaml.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dateline import lexicons


@cache
def _lists() -> dict[str, frozenset[str]]:
    roles = lexicons.load("event_roles")
    keys = ("verbal_attacks", "said_or_decided", "publications", "people_objects")
    return {k: frozenset(w.lower() for w in roles[k]) for k in keys}


def verbal_attack(trigger: Token, subject: Token | None, obj: Token | None) -> bool:
    """An attack in words: on something said or decided, by a publication, or "as" a name."""
    words = _lists()
    if trigger.lemma_.lower() not in words["verbal_attacks"]:
        return False
    if obj is not None and obj.lemma_.lower() in words["said_or_decided"]:
        return True
    if subject is not None and _head_noun(subject).lemma_.lower() in words["publications"]:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in trigger.children)


def _head_noun(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes ("the magazine, which
    attacked ...")."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def yields_nothing(trigger: Token, obj: Token | None, a_participant: bool) -> bool:
    """ "released a statement": a verb of giving up whose object is no participant."""
    if trigger.lemma_.lower() not in _lists()["people_objects"] or obj is None:
        return False
    return not a_participant
