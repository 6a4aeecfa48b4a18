"""Events: who did what to whom, coded in PLOVER (with CAMEO), read off the dependency parse.

A trigger from `lexicons/events.yaml` names the type; its grammatical subject (or passive
agent) gives the actors, its object and its "with/to/against/from" phrases the recipients.
Actors and recipients are entities of the article, including collective actors and resolved
pronouns. Each event keeps its trigger and sentence spans, negation, modality, who reports
it, its time and place, and a confidence that says how much of it the parse supported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Entity, Event, Meta, SentenceSpan, Span, Time
from dateline.stages.event_time import EventClock

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RECIPIENT_PREPS = frozenset(
    {"with", "to", "against", "from", "on", "upon", "toward", "towards", "at"}
)
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP", "GPE", "NORP"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "pcomp"})
TARGETED = frozenset({"THREATEN", "ACCUSE", "REQUEST", "ASSAULT", "COERCE", "SANCTION"})
SKIP_DEPS = frozenset({"amod", "compound"})


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]
    type: str
    cameo: str
    mode: str | None


@cache
def _patterns() -> dict[str, list[Pattern]]:
    """Trigger patterns by their first lemma, longest first."""
    table: dict[str, list[Pattern]] = {}
    for typ, entries in lexicons.load("events").items():
        for words, value in entries.items():
            cameo, _, mode = str(value).partition(" ")
            pattern = Pattern(tuple(words.lower().split()), typ, cameo, mode.strip() or None)
            table.setdefault(pattern.words[0], []).append(pattern)
    for patterns in table.values():
        patterns.sort(key=lambda p: -len(p.words))
    return table


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(lexicons.load("reporting")["verbs"])


@cache
def _modal_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lex = lexicons.load("reporting")
    return frozenset(lex["future"]), frozenset(lex["plan_verbs"]), frozenset(lex["conditions"])


def _match(token: Token, pattern: Pattern) -> list[Token] | None:
    """Tokens of `pattern` found from `token` down the tree, or None."""
    found = [token]
    current = token
    for word in pattern.words[1:]:
        nxt = next(
            (
                t
                for t in current.subtree
                if t is not current and t.lemma_.lower() == word and t.i > token.i - 1
            ),
            None,
        )
        if nxt is None:
            return None
        found.append(nxt)
        current = nxt
    return found


class MentionIndex:
    """Which entity a token belongs to (the longest mention covering it wins)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_char: dict[int, tuple[Entity, int]] = {}
        for entity in entities:
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
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out += _conjuncts(child)
    return out


def _entities_of(
    token: Token, index: MentionIndex, types: frozenset[str] = ACTOR_TYPES
) -> list[Entity]:
    """Entities a noun phrase refers to: the head's own entity, members listed with
    "including", each conjunct, else an owner ("the Security Council's resolution")."""
    found: list[Entity] = []
    for tok in _conjuncts(token):
        including = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "including"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if including:
            for member in including:
                found += _entities_of(member, index, types)
            continue
        entity = index.entity(tok)
        if entity is None:
            owners = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            entity = next((index.entity(o) for o in owners if index.entity(o)), None)
        if entity is not None and entity.type in types and entity not in found:
            found.append(entity)
    return found


def _governor(token: Token) -> Token:
    """The verb whose subject an argument-less trigger shares ("while demanding" -> said)."""
    head = token
    while head.dep_ in CLIMB_DEPS and head.head is not head:
        if any(c.dep_ in SUBJECTS for c in head.children):
            break
        head = head.head
    return head


def _actors(trigger: Token, index: MentionIndex) -> tuple[list[Entity], list[Entity]]:
    """(actors, recipients from a passive subject)."""
    verb = trigger
    if trigger.pos_ == "NOUN":  # "its readiness to cooperate", "Hamas emphasizes its readiness"
        owners = [e for c in trigger.children if c.dep_ == "poss" for e in _entities_of(c, index)]
        if owners:
            return owners, []
        verb = trigger.head
    if trigger.dep_ == "acl" and trigger.head.dep_ in ("dobj", "pobj"):
        holder = index.entity(trigger.head)
        if holder is not None:
            return [holder], []
        verb = trigger.head.head  # "passed a resolution calling for": the passer calls
    verb = _governor(verb)
    actors: list[Entity] = []
    passive_subjects: list[Entity] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                actors += _relative_head(verb, index)
            else:
                actors += _entities_of(child, index)
        elif child.dep_ == "nsubjpass":
            passive_subjects += _entities_of(child, index)
        elif child.dep_ == "agent":
            for pobj in child.children:
                actors += _entities_of(pobj, index)
    if not actors and verb.dep_ == "relcl":
        actors += _relative_head(verb, index)
    return actors, passive_subjects


def _relative_head(verb: Token, index: MentionIndex) -> list[Entity]:
    """The noun a relative clause describes ("Blinken, who met ..."), unless it is only the
    place of a larger phrase ("the war in Gaza, which has killed ...")."""
    head = verb.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
        return []
    return _entities_of(head, index)


def _recipients(trigger: Token, words: list[Token], index: MentionIndex) -> list[Entity]:
    found: list[Entity] = []
    used = {t.i for t in words}
    heads = [trigger] + [t for t in words[1:] if t.pos_ in ("NOUN", "PROPN", "VERB")]
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "dative", "iobj", "attr") and child.i not in used:
                found += _entities_of(child, index)
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                        found += [
                            e
                            for p in prep.children
                            if p.dep_ == "pobj"
                            for e in _entities_of(p, index)
                        ]
            elif child.dep_ == "prep" and (child.lower_ in RECIPIENT_PREPS or child.i in used):
                found += [
                    e for p in child.children if p.dep_ == "pobj" for e in _entities_of(p, index)
                ]
            elif child.dep_ == "dobj" and child.i in used:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                        found += [
                            e
                            for p in prep.children
                            if p.dep_ == "pobj"
                            for e in _entities_of(p, index)
                        ]
    unique: list[Entity] = []
    for e in found:
        if e.type not in ("LOC", "FAC") and e not in unique:
            unique.append(e)
    return unique


def _fallback_target(trigger: Token, index: MentionIndex, exclude: list[Entity]) -> list[Entity]:
    """A threat or accusation whose target sits in a subordinate clause ("until the group is
    eliminated"): the first person or organization named below the trigger."""
    for tok in trigger.subtree:
        if tok.i <= trigger.i:
            continue
        entity = index.entity(tok)
        if (
            entity is not None
            and entity.type in ("PERSON", "ORG", "GROUP")
            and entity not in exclude
        ):
            return [entity]
    return []


def _place(trigger: Token, index: MentionIndex) -> Entity | None:
    for head in (trigger, *[c for c in trigger.children if c.dep_ == "dobj"]):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for pobj in child.children:
                    entity = index.entity(pobj)
                    if entity is not None and entity.type in PLACE_TYPES:
                        return entity
    return None


def _chain(trigger: Token) -> Iterator[Token]:
    """The trigger and the verbs it hangs from, up to the sentence root."""
    token = trigger
    yield token
    while token.head is not token:
        token = token.head
        yield token


def _negated(trigger: Token) -> bool:
    """Negated itself, or the content of a negated verb ("has not said that he accepts")."""
    token = trigger
    while True:
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp") or token.head is token:
            return False
        token = token.head


def _reporter(trigger: Token, index: MentionIndex) -> tuple[Token | None, Entity | None]:
    """The reporting verb a trigger is the content of ("told reporters that ..."), and its
    speaker."""
    reporting = _reporting_verbs()
    token = trigger
    while token.head is not token and token.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
        if token.dep_ in ("advcl", "conj") and any(c.dep_ in SUBJECTS for c in token.children):
            break  # "..., while others rejected it": a clause of its own, not the content
        token = token.head
        if token.lemma_.lower() in reporting:
            speakers = [
                e for c in token.children if c.dep_ == "nsubj" for e in _entities_of(c, index)
            ]
            return token, speakers[0] if speakers else None
    return None, None


def _modality(trigger: Token, reported: bool) -> str:
    future, plans, conditions = _modal_words()
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) and (
        trigger.head.lemma_ == "be"
        and any(c.dep_ in ("acomp", "attr") for c in trigger.head.children)
    ):
        return "hypothetical"  # "it is rare for X to meet Y": no meeting is reported
    for token in (trigger, *[c for c in trigger.children if c.dep_ == "xcomp"]):
        for child in token.children:
            if child.dep_ == "advcl" and any(m.lower_ in conditions for m in child.children):
                return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in future for c in trigger.children):
        return "planned"
    if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in plans:
        return "planned"
    return "reported" if reported else "asserted"


def _confidence(has_actor: bool, has_recipient: bool, words: int, reported: bool) -> float:
    score = 0.9 if has_actor else 0.6
    if not has_recipient:
        score -= 0.1
    if words > 1:
        score += 0.05
    if reported:
        score -= 0.05
    return round(min(score, 0.95), 2)


def extract_events(doc: Doc, entities: list[Entity], times: list[Time], meta: Meta) -> list[Event]:
    """Every event the article reports, one per actor-recipient pair, in text order."""
    patterns = _patterns()
    index = MentionIndex(entities)
    clock = EventClock(doc, times, meta)
    used: set[int] = set()
    events: list[Event] = []
    for token in doc:
        if token.i in used or token.pos_ not in ("VERB", "NOUN") or token.dep_ in SKIP_DEPS:
            continue
        candidates = patterns.get(token.lemma_.lower())
        if not candidates:
            continue
        match = next(((p, w) for p in candidates if (w := _match(token, p))), None)
        if match is None:
            continue
        pattern, words = match
        if token.pos_ == "NOUN" and len(words) == 1:
            continue
        used.update(t.i for t in words)
        actors, passive = _actors(token, index)
        recipients = passive + _recipients(token, words, index)
        recipients = [r for r in recipients if r not in actors]
        if not recipients and pattern.type in TARGETED:
            recipients = _fallback_target(token, index, actors)
        if not actors and not recipients:
            continue
        report_verb, reporter = _reporter(token, index)
        start, end = min(t.idx for t in words), max(t.idx + len(t) for t in words)
        sent = token.sent
        time, date = clock.when(token, report_verb)
        place = _place(token, index)
        reported = reporter is not None
        base = dict(
            type=pattern.type,
            mode=pattern.mode,
            cameo=pattern.cameo,
            trigger=Span(text=doc.text[start:end], start=start, end=end),
            sentence=SentenceSpan(start=sent.start_char, end=sent.end_char),
            time=time,
            date=date,
            place=place.id if place else None,
            negated=_negated(token),
            modality=_modality(token, reported),
            reported_by=reporter.id if reporter else None,
            confidence=_confidence(bool(actors), bool(recipients), len(words), reported),
        )
        for actor in actors or [None]:
            for recipient in recipients or [None]:
                events.append(
                    Event(
                        id="",
                        actors=[actor.id] if actor else [],
                        recipients=[recipient.id] if recipient else [],
                        **base,  # type: ignore[arg-type]
                    )
                )
        clock.remember(token, date)
    for i, event in enumerate(events, 1):
        event.id = f"V{i}"
    return events
