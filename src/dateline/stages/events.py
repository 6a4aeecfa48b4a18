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
from typing import get_args

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Entity, Event, EventType, Meta, SentenceSpan, Span, Time
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
GOVERNOR_DEPS = CLIMB_DEPS | {"prep", "acomp"}
EVENT_TYPES = frozenset(get_args(EventType))
_MAX_NP_TOKENS = 10


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
        if typ not in EVENT_TYPES:
            continue
        for words, value in entries.items():
            cameo, _, mode = str(value).partition(" ")
            pattern = Pattern(tuple(words.lower().split()), typ, cameo, mode.strip() or None)
            table.setdefault(pattern.words[0], []).append(pattern)
    for patterns in table.values():
        patterns.sort(key=lambda p: -len(p.words))
    return table


@cache
def _rules() -> dict[str, frozenset[str]]:
    """The non-pattern parts of the events lexicon, as sets."""
    lex = lexicons.load("events")
    keys = ("noun_triggers", "commissive", "cooperative", "hostile")
    return {k: frozenset(lex.get(k, [])) for k in keys}


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
                if t.i != current.i and t.lemma_.lower() == word and t.i > token.i - 1
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
        if entity is None:
            entity = _origin_in_phrase(tok, index)
        if entity is not None and entity.type in types and entity not in found:
            found.append(entity)
    return found


def _origin_in_phrase(token: Token, index: MentionIndex) -> Entity | None:
    """A country or nationality inside a phrase that names no entity itself: "Demonstrators
    in Baghdad", "Doctors from two American aid groups". Event data codes such actors by it."""
    for t in token.subtree:
        if t.i > token.i and (t.is_punct or t.dep_ in ("relcl", "acl", "appos")):
            break
        entity = index.entity(t)
        if entity is not None and entity.type in ("GPE", "NORP"):
            return entity
    return None


def _governor(token: Token) -> Token:
    """The verb whose subject an argument-less trigger shares ("while demanding" -> said)."""
    head = token
    while head.dep_ in GOVERNOR_DEPS and head.head.i != head.i:
        if any(c.dep_ in SUBJECTS for c in head.children):
            break
        head = head.head
    return head


def _actors(trigger: Token, index: MentionIndex) -> tuple[list[Entity], list[Entity]]:
    """(actors, recipients from a passive subject)."""
    verb = trigger
    if trigger.pos_ == "NOUN":  # "its readiness to cooperate", "a full Israeli withdrawal"
        owners = [
            e
            for c in trigger.children
            if c.dep_ in ("poss", "amod", "compound")
            for e in _entities_of(c, index)
        ]
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
    while token.head.i != token.i:
        token = token.head
        yield token


def _negated(trigger: Token) -> bool:
    """Negated itself, or the content of a negated verb ("has not said that he accepts")."""
    token = trigger
    while True:
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            return False
        token = token.head


def _reporter(trigger: Token, index: MentionIndex) -> tuple[Token | None, Entity | None]:
    """The reporting verb a trigger is the content of ("told reporters that ..."), and its
    speaker."""
    reporting = _reporting_verbs()
    token = trigger
    while token.head.i != token.i and token.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
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


def _np_text(token: Token) -> str:
    """A noun phrase as written, cut before commas and clauses ("Demonstrators in Baghdad")."""
    stop = {c.i for c in token.children if c.dep_ in ("relcl", "acl", "appos", "punct")}
    end = token.i
    for t in token.subtree:
        if t.i > token.i and (t.i in stop or t.is_punct or t.dep_ in ("relcl", "acl", "appos")):
            break
        end = t.i
    start = token.left_edge.i
    if end - start + 1 > _MAX_NP_TOKENS:
        start = max(start, end - _MAX_NP_TOKENS + 1)
    return token.doc[start : end + 1].text


def _subject_token(trigger: Token) -> Token | None:
    verb = _governor(trigger.head if trigger.pos_ == "NOUN" else trigger)
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and child.lower_ not in RELATIVE_PRONOUNS:
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def _object_token(trigger: Token) -> Token | None:
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def _own_refusal(trigger: Token) -> bool:
    """The act itself is negated or failed ("will not accept", "failed to reach agreement"),
    as opposed to the content of a negated report ("has not said that he accepts")."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    failure = frozenset(lexicons.load("reporting")["failure"])
    head = trigger.head
    return trigger.dep_ == "xcomp" and head.lemma_.lower() in failure


def _recode(typ: str, planned: bool, refused: bool) -> tuple[str, str | None]:
    """PLOVER codes intentions and refusals by polarity: an intended cooperative act is AGREE,
    an intended hostile act THREATEN, a refused cooperative act REJECT."""
    rules = _rules()
    if refused and typ in rules["cooperative"]:
        return "REJECT", typ
    if planned and typ in rules["cooperative"] and typ != "AGREE":
        return "AGREE", typ
    if planned and typ in rules["hostile"]:
        return "THREATEN", typ
    return typ, None


def _commits_to_event(token: Token, patterns: dict[str, list[Pattern]]) -> bool:
    """ "vowed to fight", "agreed to share information": the commitment is coded through the
    act it commits to, not twice."""
    if token.lemma_.lower() not in _rules()["commissive"]:
        return False
    for child in token.children:
        if child.dep_ == "xcomp":
            for pattern in patterns.get(child.lemma_.lower(), []):
                if _match(child, pattern):
                    return True
    return False


@dataclass
class _Found:
    """A trigger with its pattern, before arguments are attached."""

    token: Token
    words: list[Token]
    type: str
    cameo: str
    mode: str | None


def _obligations(doc: Doc) -> Iterator[_Found]:
    """ "X said Y must do Z" is X's demand on Y: a REQUEST whose trigger is the modal."""
    reporting = _reporting_verbs()
    obligation = frozenset(lexicons.load("reporting")["obligation"])
    for token in doc:
        if token.lemma_.lower() not in reporting:
            continue
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            modal = next(
                (a for a in clause.children if a.dep_ == "aux" and a.lower_ in obligation), None
            )
            if modal is not None:
                yield _Found(clause, [clause, modal], "REQUEST", "100", None)


def _triggers(doc: Doc) -> Iterator[_Found]:
    """Every trigger in text order, longest pattern first, no token used twice."""
    patterns = _patterns()
    nouns = _rules()["noun_triggers"]
    used: set[int] = set()
    found = list(_obligations(doc))
    for f in found:
        used.update(t.i for t in f.token.subtree if t.dep_ == "aux" or t is f.token)
    for token in doc:
        if token.i in used or token.pos_ not in ("VERB", "NOUN") or token.dep_ in SKIP_DEPS:
            continue
        candidates = patterns.get(token.lemma_.lower())
        if not candidates or _commits_to_event(token, patterns):
            continue
        match = next(((p, w) for p in candidates if (w := _match(token, p))), None)
        if match is None:
            continue
        pattern, words = match
        bare_noun = token.pos_ == "NOUN" and len(words) == 1
        if bare_noun and (token.lemma_.lower() not in nouns or token.dep_ not in ("dobj", "pobj")):
            continue
        used.update(t.i for t in words)
        found.append(_Found(token, words, pattern.type, pattern.cameo, pattern.mode))
    found.sort(key=lambda f: f.token.i)
    heads = {f.token.i for f in found}
    for f in found:
        if not _inside_argument(f.token, heads):
            yield f


def _inside_argument(token: Token, triggers: set[int]) -> bool:
    """ "blamed Hamas for failure to reach a deal": reaching is part of what is blamed, not an
    event of its own. True when the way up passes a noun and ends at another trigger."""
    passed_noun = False
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("NOUN", "PROPN"):
            passed_noun = True
        elif current.pos_ in ("VERB", "AUX"):
            return passed_noun and current.i in triggers
    return False


def extract_events(doc: Doc, entities: list[Entity], times: list[Time], meta: Meta) -> list[Event]:
    """Every event the article reports, one per actor-recipient pair, in text order."""
    index = MentionIndex(entities)
    clock = EventClock(doc, times, meta)
    events: list[Event] = []
    for found in _triggers(doc):
        token, words = found.token, found.words
        if (
            found.type == "REQUEST"
            and found.cameo == "100"
            and len(words) == 2
            and words[1].dep_ == "aux"
        ):
            reporting = token.head
            actors = [
                e for c in reporting.children if c.dep_ == "nsubj" for e in _entities_of(c, index)
            ]
            subject = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
            recipients, _ = _actors(token, index)
            obj = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        else:
            actors, passive = _actors(token, index)
            recipients = passive + _recipients(token, words, index)
            subject, obj = _subject_token(token), _object_token(token)
        recipients = [r for r in recipients if r not in actors]
        if not recipients and found.type in TARGETED:
            recipients = _fallback_target(token, index, actors)
        actor_text = _np_text(subject) if subject is not None else None
        recipient_text = _np_text(obj) if obj is not None else None
        if not (actors or recipients or actor_text or recipient_text):
            continue
        report_verb, reporter = _reporter(token, index)
        start, end = min(t.idx for t in words), max(t.idx + len(t) for t in words)
        time, date = clock.when(token, report_verb)
        place = _place(token, index)
        reported = reporter is not None
        modality = _modality(token, reported)
        refused = _own_refusal(token)
        typ, intended = _recode(found.type, modality == "planned", refused)
        base = dict(
            type=typ,
            mode=found.mode,
            cameo=found.cameo,
            trigger=Span(text=doc.text[start:end], start=start, end=end),
            sentence=SentenceSpan(start=token.sent.start_char, end=token.sent.end_char),
            time=time,
            date=date,
            place=place.id if place else None,
            negated=_negated(token) and not (refused and typ == "REJECT"),
            modality=modality,
            reported_by=reporter.id if reporter else None,
            confidence=_confidence(bool(actors), bool(recipients), len(words), reported),
            actor_text=actor_text,
            recipient_text=recipient_text,
            intended=intended,
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
