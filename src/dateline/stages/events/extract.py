"""Events: who did what to whom, coded in PLOVER (with CAMEO), read off the dependency parse.

A trigger from `lexicons/events.yaml` names the type; `event_args` finds its actors,
recipients and place among the article's entities; `event_mood` reads negation, modality
and who reports it, and recodes intentions and refusals as PLOVER does; `event_time` dates
it. Each event keeps its trigger and sentence spans and a confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import get_args

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Entity, Event, EventType, Meta, Quote, SentenceSpan, Span, Time
from dateline.stages import text_of
from dateline.stages.events.allegations import alleges_wrong, wrongdoings
from dateline.stages.events.args import (
    SUBJECTS,
    actor_like,
    actors_of,
    fallback_target,
    implied_actor,
    np_text,
    object_token,
    place_of,
    recipients_of,
    reporting_verbs,
    same_referent,
    subject_token,
)
from dateline.stages.events.clock import EventClock
from dateline.stages.events.evaluations import evaluations, spoken_judgements
from dateline.stages.events.mood import event_rules, negated, polarity, reporter_of
from dateline.stages.events.nominal import acted_on, attributed, noun_roles, of_actors, receiver
from dateline.stages.events.participants import MentionIndex, entities_of
from dateline.stages.events.restatements import merge_restatements
from dateline.stages.events.senses import verbal_attack, yields_nothing

TARGETED = frozenset({"THREATEN", "ACCUSE", "REQUEST", "ASSAULT", "COERCE", "SANCTION"})
SKIP_DEPS = frozenset({"amod", "compound"})
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass"})
ARGUMENT_DEPS = frozenset(
    {"dobj", "pobj", "pcomp", "prep", "ccomp", "xcomp", "acl", "nsubjpass", "attr", "oprd"}
    | {"agent", "compound", "amod"}
)
EVENT_TYPES = frozenset(get_args(EventType))
_PARTICLES = frozenset({"ADP", "PART"})


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]
    type: str
    cameo: str
    mode: str | None


@cache
def _patterns() -> dict[str, list[Pattern]]:
    """Trigger patterns by their first lemma, longest first: the hand-written lexicon, then the
    one derived from PETRARCH2's CAMEO verbs, whose entries give way to the same words
    written by hand."""
    table: dict[str, list[Pattern]] = {}
    for name in ("events", "events_cameo"):
        for typ, entries in lexicons.load(name).items():
            if typ not in EVENT_TYPES:
                continue
            for words, value in entries.items():
                cameo, _, mode = str(value).partition(" ")
                pattern = Pattern(tuple(words.lower().split()), typ, cameo, mode.strip() or None)
                known = table.setdefault(pattern.words[0], [])
                if all(p.words != pattern.words for p in known):
                    known.append(pattern)
    for patterns in table.values():
        patterns.sort(key=lambda p: -len(p.words))
    return table


def _match(token: Token, pattern: Pattern) -> list[Token] | None:
    """Tokens of `pattern`: the trigger, then each further lemma somewhere below it (not inside
    an adjectival modifier: "war" in "war-torn" is no war). A preposition or particle of the
    pattern hangs on the word before it: "called on X", not "called X a grab on Y"."""
    found = [token]
    for word in pattern.words[1:]:
        nxt = next(
            (
                t
                for t in token.subtree
                if t.lemma_.lower() == word
                and all(t.i != f.i for f in found)
                and t.dep_ != "npadvmod"
                and t.head.dep_ != "amod"
                and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-")
                and (t.pos_ not in _PARTICLES or t.head.i in (token.i, found[-1].i))
            ),
            None,
        )
        if nxt is None:
            return None
        found.append(nxt)
    return found


def _commits_to_event(token: Token, patterns: dict[str, list[Pattern]]) -> bool:
    """ "vowed to fight", "agreed to exchange prisoners": the commitment is coded through the
    act it commits to, not twice."""
    if token.lemma_.lower() not in event_rules()["commissive"]:
        return False
    for child in token.children:
        if child.dep_ == "xcomp":
            for pattern in patterns.get(child.lemma_.lower(), []):
                if _match(child, pattern):
                    return True
    return False


@dataclass
class _Found:
    """A trigger with its pattern, before arguments are attached; `about` marks speech whose
    teller acts on whom those words name (a wrongdoing's doer, the one praised)."""

    token: Token
    words: list[Token]
    type: str
    cameo: str
    mode: str | None
    about: Token | None = None


@cache
def _hostile_words() -> frozenset[str]:
    """Trigger words whose every pattern is a hostile act ("attack", "arrest", "threaten")."""
    hostile = {"ASSAULT", "COERCE", "THREATEN"}
    return frozenset(w for w, ps in _patterns().items() if all(p.type in hostile for p in ps))


def _as_pattern(token: Token) -> _Found | None:
    """The token's own trigger pattern, longest first."""
    for pattern in _patterns().get(token.lemma_.lower(), []):
        words = _match(token, pattern)
        if words:
            return _Found(token, words, pattern.type, pattern.cameo, pattern.mode)
    return None


def _told(
    found: _Found, index: MentionIndex, entities: list[Entity], quotes: list[Quote]
) -> tuple[list[Entity], list[Entity], Token] | None:
    """(teller, those spoken of, their words) when someone tells it of someone else."""
    _, teller = reporter_of(found.token, index)
    teller = teller or _quoted_by(_quote_at(found.token.idx, quotes), entities)
    about = found.about
    named = entities_of(about, index) if about is not None else []
    if teller is None or about is None or not named or teller in named:
        return None
    return [teller], named, about


def _allegations(doc: Doc) -> Iterator[_Found]:
    """ "claimed the agency violated the law" (the claimant accuses), "'they are lying', he
    said" (the speaker accuses the liars): events/allegations.py."""
    for token in doc:
        if alleges_wrong(token, _hostile_words()):
            yield _Found(token, [token], "ACCUSE", "112", "allege")
    for token in wrongdoings(doc):
        yield _Found(token, [token], "ACCUSE", "112", "allege", about=subject_token(token))


def _obligations(doc: Doc) -> Iterator[_Found]:
    """ "X said Y must do Z" is X's demand on Y: a REQUEST whose trigger is the modal."""
    reporting = reporting_verbs()
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
    nouns = event_rules()["noun_triggers"]
    used: set[int] = set()
    found = list(_obligations(doc))
    for f in found:
        used.update(t.i for t in f.token.subtree if t.dep_ == "aux" or t is f.token)
    for f in _allegations(doc):
        if f.token.i not in used:
            found.append(f)
            used.add(f.token.i)
    for verb, words, typ, cameo in evaluations(doc):  # "called the stabbing an act of barbarity"
        if verb.i not in used:
            found.append(_Found(verb, words, typ, cameo, "disapprove" if typ == "ACCUSE" else None))
            used.update(t.i for t in words)
    for verb, words, typ, cameo, about in spoken_judgements(doc):  # "we are with him"
        if verb.i not in used:
            mode = "disapprove" if typ == "ACCUSE" else None
            found.append(_Found(verb, words, typ, cameo, mode, about=about))
            used.update(t.i for t in words)
    for token in doc:
        if token.i in used or token.pos_ not in ("VERB", "NOUN") or token.dep_ in SKIP_DEPS:
            continue
        if token.pos_ == "VERB" and token.dep_ in NOMINAL_DEPS:
            continue  # "treated the wounded": a participle used as a noun
        candidates = patterns.get(token.lemma_.lower())
        if not candidates or _commits_to_event(token, patterns):
            continue
        match = next(((p, w) for p in candidates if (w := _match(token, p))), None)
        if match is None:
            continue
        pattern, words = match
        bare_noun = token.pos_ == "NOUN" and len(words) == 1
        if bare_noun and (token.lemma_.lower() not in nouns or not _names_an_act(token)):
            continue
        used.update(t.i for t in words)
        found.append(_Found(token, words, pattern.type, pattern.cameo, pattern.mode))
    found.sort(key=lambda f: f.token.i)
    heads = {f.token.i for f in found}
    for f in found:
        if not _inside_argument(f.token, heads):
            yield f


def _names_an_act(noun: Token) -> bool:
    """Whether an event noun stands for an act here: as an object ("staged a rally", "after
    his arrest"), or as a subject that says who acted ("His resignation came", "the attack was
    launched by"), not as a bare topic ("Protests are common")."""
    if noun.dep_ in ("dobj", "pobj") or attributed(noun):  # "another attack ascribed to X"
        return True
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    own = any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "of")) for c in noun.children
    )
    agent = noun.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in noun.head.children)
    return own or agent


def _inside_argument(token: Token, triggers: set[int]) -> bool:
    """An event that is part of what another trigger says is not an event of its own:
    "rejected a call for new elections", "accused X of violating", "demanded that its
    partners refuse". Walk up through arguments; stop at clause edges and adjuncts."""
    argument_preps = frozenset(lexicons.load("events")["argument_preps"])
    current = token
    while current.head.i != current.i:
        infinitive = current.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if current.dep_ not in ARGUMENT_DEPS and not infinitive:
            return False
        if current.dep_ == "prep" and current.lower_ not in argument_preps:
            return False
        current = current.head
        if current.i in triggers:
            return True
    return False


def _confidence(has_actor: bool, has_recipient: bool, words: int, reported: bool) -> float:
    score = 0.9 if has_actor else 0.6
    if not has_recipient:
        score -= 0.1
    if words > 1:
        score += 0.05
    if reported:
        score -= 0.05
    return round(min(score, 0.95), 2)


def _participant(token: Token, index: MentionIndex) -> bool:
    """Whether an object can be a participant: an entity, words for one, "him" or "her"."""
    return index.entity(token) is not None or actor_like(token) or token.lower_ in ("him", "her")


def _agrees(pronoun: Token, noun: Token) -> bool:
    """Whether a pronoun can stand for a noun phrase: "they" a plural, "it" a singular."""
    if noun.pos_ == "PRON":
        return False
    plural = noun.tag_ in ("NNS", "NNPS")
    if pronoun.lower_ in ("they", "we"):
        return plural
    return pronoun.lower_ == "it" and not plural


def _members(found: list[Entity], entities: list[Entity]) -> list[Entity]:
    """People named together act and are acted on one by one: a group that stands for named
    entities ("the two men") gives way to its members (one event per actor and recipient)."""
    by_id = {e.id: e for e in entities}
    out: list[Entity] = []
    for entity in found:
        for member in [by_id[m] for m in entity.members if m in by_id] or [entity]:
            if member not in out:
                out.append(member)
    return out


def _quote_at(char: int, quotes: list[Quote]) -> Quote | None:
    """The direct or partial quote a trigger stands in, if any."""
    return next((q for q in quotes if q.kind != "indirect" and q.start <= char < q.end), None)


def _quoted_by(quote: Quote | None, entities: list[Entity]) -> Entity | None:
    """The speaker of a quote, as an entity."""
    if quote is None or not quote.speaker:
        return None
    return next((e for e in entities if e.id == quote.speaker), None)


def extract_events(
    doc: Doc,
    entities: list[Entity],
    times: list[Time],
    meta: Meta,
    quotes: list[Quote] | None = None,
) -> list[Event]:
    """Every event the article reports, one per actor-recipient pair, in text order."""
    index = MentionIndex(entities)
    clock = EventClock(doc, times, meta)
    events: list[Event] = []
    for found in _triggers(doc):
        told = _told(found, index, entities, quotes or []) if found.about is not None else None
        if found.about is not None and told is None:  # untold, or a confession
            plain = _as_pattern(found.token)
            if plain is None:
                continue
            found = plain
        token, words = found.token, found.words
        if told is not None:
            actors, recipients, obj = told
            subject = None
        elif (
            found.type == "REQUEST"
            and found.cameo == "100"
            and len(words) == 2
            and words[1].dep_ == "aux"
        ):
            reporting = token.head
            actors = [
                e for c in reporting.children if c.dep_ == "nsubj" for e in entities_of(c, index)
            ]
            subject = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
            recipients, _ = actors_of(token, index)
            obj = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        else:
            own, done_to, whole = (
                noun_roles(token, index) if token.pos_ == "NOUN" else ([], [], False)
            )
            actors, passive = (own, []) if own or whole else actors_of(token, index)
            actors = actors or (of_actors(token, index) if token.pos_ == "NOUN" else [])
            recipients = done_to + passive + recipients_of(token, words, index)
            implied = implied_actor(token, entities, acted_on(token)) if not actors else None
            actors = [implied] if implied is not None else actors
            subject, obj = subject_token(token), object_token(token)
            if whole:  # "drew criticism": the subject is the one criticised
                subject, obj = None, receiver(token)
        if found.type == "ASSAULT" and verbal_attack(token, subject, obj):
            found = _Found(token, words, "ACCUSE", "111", "disapprove")
        if obj is not None and yields_nothing(token, obj, _participant(obj, index)):
            continue
        report_verb, reporter = reporter_of(token, index)
        if not actors and reporter is not None and same_referent(subject, reporter):
            actors = [reporter]  # "the rebels said they will release ...": they = the rebels
        recipients = [r for r in recipients if r not in actors]
        if not recipients and found.type in TARGETED and obj is None:
            recipients = fallback_target(token, index, actors)
        actors, recipients = _members(actors, entities), _members(recipients, entities)
        actor_text = np_text(subject) if subject is not None and actor_like(subject) else None
        if subject is not None and subject.pos_ == "PRON" and report_verb is not None:
            speaker = next((c for c in report_verb.children if c.dep_ == "nsubj"), None)
            if speaker is not None and _agrees(subject, speaker) and actor_like(speaker):
                actor_text = np_text(speaker)  # "Rebels said they would"
        recipient_text = np_text(obj) if obj is not None and actor_like(obj) else None
        if not (actors or actor_text or recipients):  # an act with neither doer nor target
            continue
        start, end = min(t.idx for t in words), max(t.idx + len(t) for t in words)
        quote = _quote_at(token.idx, quotes or [])
        time, date = clock.when(token, report_verb, quote)
        place = place_of(token, index)
        quoted = _quoted_by(quote, entities)
        if reporter is None and quoted is not None:  # said inside "…" by the quote's speaker
            reporter = quoted
        reported = reporter is not None
        typ, intended, modality, refused = polarity(token, found.type, reported)
        base = dict(
            type=typ,
            mode=found.mode,
            cameo=found.cameo,
            trigger=Span(text=text_of(doc)[start:end], start=start, end=end),
            sentence=SentenceSpan(start=token.sent.start_char, end=token.sent.end_char),
            time=time,
            date=date,
            place=place.id if place else None,
            negated=negated(token) and not (refused and typ == "REJECT"),
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
    return merge_restatements(events, entities)
