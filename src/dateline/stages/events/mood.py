"""How an event is told: negated, planned, hypothetical, reported, and by whom; and how
PLOVER recodes intentions (AGREE, THREATEN) and refusals (REJECT)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dateline import lexicons
from dateline.schema import Entity
from dateline.stages.events.args import SUBJECTS, MentionIndex, entities_of, reporting_verbs


@cache
def event_rules() -> dict[str, frozenset[str]]:
    """The non-pattern parts of the events lexicon, as sets."""
    lex = lexicons.load("events")
    keys = ("noun_triggers", "commissive", "cooperative", "hostile")
    return {k: frozenset(lex.get(k, [])) for k in keys}


@cache
def _modal_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lex = lexicons.load("reporting")
    return frozenset(lex["future"]), frozenset(lex["plan_verbs"]), frozenset(lex["conditions"])


def negated(trigger: Token) -> bool:
    """Negated itself, or the content of a negated verb ("has not said that he accepts")."""
    token = trigger
    while True:
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            return False
        token = token.head


def reporter_of(trigger: Token, index: MentionIndex) -> tuple[Token | None, Entity | None]:
    """The reporting verb a trigger is the content of ("told reporters that ..."), and its
    speaker."""
    reporting = reporting_verbs()
    token = trigger
    while token.head.i != token.i and token.dep_ in ("ccomp", "xcomp", "conj", "advcl", "acomp"):
        if token.dep_ in ("advcl", "conj") and any(c.dep_ in SUBJECTS for c in token.children):
            break  # "..., while others rejected it": a clause of its own, not the content
        token = token.head
        if token.lemma_.lower() in reporting:
            speakers = [
                e for c in token.children if c.dep_ == "nsubj" for e in entities_of(c, index)
            ]
            return token, speakers[0] if speakers else None
    return None, None


def _conditional(trigger: Token) -> bool:
    """Under an "if"/"unless" clause, or heading one ("will withdraw unless ...")."""
    _, _, conditions = _modal_words()

    def opens_condition(token: Token) -> bool:
        return token.dep_ == "advcl" and any(m.lower_ in conditions for m in token.children)

    for token in (trigger, *[c for c in trigger.children if c.dep_ == "xcomp"]):
        if any(opens_condition(c) for c in token.children):
            return True
    current = trigger
    while current.head.i != current.i:
        if opens_condition(current):
            return True
        current = current.head
    return False


def _planned(trigger: Token) -> bool:
    """Future or intended: "will provide", "would meet", "plans to visit", "vowed to fight"."""
    future, plans, _ = _modal_words()
    if any(c.dep_ == "aux" and c.lower_ in future for c in trigger.children):
        return True
    token = trigger
    while token.dep_ in ("xcomp", "conj") and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in plans:
            return True
        if any(c.dep_ == "aux" and c.lower_ in future for c in token.children):
            return True
    return False


def polarity(token: Token, typ: str, reported: bool) -> tuple[str, str | None, str, bool]:
    """(type, intended type, modality, refused) after PLOVER's reading of intentions,
    refusals, conditions and hedges."""
    if token.pos_ == "NOUN" and _hedged(token):  # "anything that would lead to a withdrawal"
        return typ, None, "hypothetical", False
    refused = _own_refusal(token)
    planned = _planned(token)
    new_type, intended = _recode(typ, planned, refused)
    stated = intended is not None and new_type != "REJECT"
    if stated or (planned and typ == "AGREE" and reported and not refused):
        # the intention was stated: "said he would agree a solution" is itself an AGREE
        modality = "reported" if reported else "asserted"
    elif _conditional(token) or _generic(token):
        modality = "hypothetical"
    elif planned:
        modality = "planned"
    else:
        modality = "reported" if reported else "asserted"
    return new_type, intended, modality, refused


def _hedged(noun: Token) -> bool:
    """A noun event under a modal verb ("could bring a ceasefire", "would lead to a
    withdrawal") is a possibility, not a report."""
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    hedges = frozenset(lexicons.load("reporting")["hedges"])
    return any(c.dep_ == "aux" and c.lower_ in hedges for c in verb.children)


def _generic(trigger: Token) -> bool:
    """ "it is rare for X to meet Y": no meeting is reported."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) and (
        trigger.head.lemma_ == "be"
        and any(c.dep_ in ("acomp", "attr") for c in trigger.head.children)
    )


def _own_refusal(trigger: Token) -> bool:
    """The act itself is negated or failed ("will not accept", "failed to reach a deal"),
    as opposed to the content of a negated report ("has not said that he accepts")."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    if trigger.lemma_.lower() in event_rules()["commissive"]:  # "vowed not to withdraw"
        xcomps = [c for c in trigger.children if c.dep_ == "xcomp"]
        if any(n.dep_ == "neg" for x in xcomps for n in x.children):
            return True
    failure = frozenset(lexicons.load("reporting")["failure"])
    head = trigger.head
    return trigger.dep_ == "xcomp" and head.lemma_.lower() in failure


def _recode(typ: str, planned: bool, refused: bool) -> tuple[str, str | None]:
    """PLOVER codes intentions and refusals by polarity: an intended cooperative act is AGREE,
    an intended hostile act THREATEN, a refused cooperative act REJECT."""
    rules = event_rules()
    if refused and typ in rules["cooperative"]:
        return "REJECT", typ
    if planned and typ in rules["cooperative"] and typ != "AGREE":
        return "AGREE", typ
    if planned and typ in rules["hostile"]:
        return "THREATEN", typ
    return typ, None
