"""Event arguments: which entities are the actors, recipients and place of a trigger.

Read off the dependency parse: subjects and passive agents are actors; objects and
"with/to/against/from" phrases recipients; "in X" the place. Pronouns and descriptions are
already mentions of entities (coref), and collective actors are GROUP entities.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dateline import lexicons
from dateline.schema import Entity
from dateline.stages import text_of
from dateline.stages.actors import sector_of
from dateline.stages.gazetteer import country_of_name
from dateline.stages.syntax import prep_objects

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RECIPIENT_PREPS = frozenset(
    {"with", "to", "against", "from", "on", "upon", "toward", "towards", "at", "between"}
)
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP", "GPE", "NORP"})
PLURAL_TYPES = frozenset({"GROUP", "NORP"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "pcomp"})
GOVERNOR_DEPS = CLIMB_DEPS | {"prep", "acomp"}
_MAX_NP_TOKENS = 10
# Appositions within appositions (or "including" lists within lists) deeper than this are
# parser noise on garbled text, where a chain can be thousands of tokens long.
_MAX_NESTING = 4


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
            entity = next((e for o in owners if (e := index.entity(o)) and _owns(o, e)), None)
        if entity is None:
            entity = _origin_in_phrase(tok, index)
        if entity is not None and entity.type in types and entity not in found:
            found.append(entity)
    return found


def _owns(modifier: Token, entity: Entity) -> bool:
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
    people = sector_of(token.text) is not None
    for t in token.subtree:
        if t.i > token.i and (t.is_punct or t.dep_ in ("relcl", "acl", "appos")):
            break
        direct = t.head.i == token.i and t.dep_ in ("amod", "compound", "nmod")
        if not (direct or people):  # "a ceasefire in Gaza" is no Gazan actor
            continue
        entity = index.entity(t)
        if entity is not None and entity.type in ("GPE", "NORP") and country_of(entity):
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


def actors_of(trigger: Token, index: MentionIndex) -> tuple[list[Entity], list[Entity]]:
    """(actors, recipients from a passive subject)."""
    verb = trigger
    if trigger.pos_ == "NOUN":  # "its readiness to cooperate", "a full Israeli withdrawal"
        owners = [
            e
            for c in trigger.children
            if c.dep_ in ("poss", "amod", "compound")
            for e in entities_of(c, index)
        ]
        if owners:
            return owners, []
        verb = trigger.head
        if not _support_verb(trigger):
            return [], []  # "reported Monday's attack", "since an assault in Ghazni"
    if trigger.dep_ == "acl" and trigger.head.dep_ in ("dobj", "pobj"):
        holder = index.entity(trigger.head)
        if holder is not None and not _circumstantial(trigger.head, trigger.head.head.head):
            return [holder], []
        verb = trigger.head.head  # "passed a resolution calling for": the passer calls
        if verb.dep_ == "prep":
            verb = verb.head  # "posted a message on Twitter blaming": the poster blames
    owner = _acl_owner(verb)
    if owner is not None:  # "farmers resorted to blocking roads", parsed as a noun's acl
        return entities_of(owner, index), []
    raised = _raised_subject(verb)
    if raised is not None:  # "were reported by local media to have visited": they visited
        return entities_of(raised, index), []
    verb = _governor(verb)
    actors: list[Entity] = []
    passive_subjects: list[Entity] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                actors += _relative_head(verb, index)
            else:
                actors += entities_of(child, index)
        elif child.dep_ == "nsubjpass":
            passive_subjects += entities_of(child, index)
        elif child.dep_ == "agent":
            for pobj in child.children:
                actors += entities_of(pobj, index)
    if not actors and verb.dep_ == "relcl":
        actors += _relative_head(verb, index)
    stances = lexicons.load("event_roles")["stative_passives"]
    if not actors and passive_subjects and verb.lemma_.lower() in stances:
        return passive_subjects, []  # "Vietnam is committed to opening up": Vietnam acts
    return actors, passive_subjects


def _raised_subject(verb: Token) -> Token | None:
    """The subject a passive report lends its infinitive: "Politicians were reported to have
    visited", "the group is believed to have fired" (the agent of the report is its source)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() not in _raising():
        return None
    return next((c for c in head.children if c.dep_ == "nsubjpass"), None)


@cache
def _raising() -> frozenset[str]:
    return reporting_verbs() | frozenset(lexicons.load("event_roles")["raising"])


def _support_verb(noun: Token) -> bool:
    """Whether a noun trigger's head verb carries the act, so that its subject is the actor
    (lexicons/event_roles.yaml): "launched an attack", "returned for talks", "took part in
    talks", "announced a suspension"; not "reported an attack" or "died in an attack"."""
    roles = lexicons.load("event_roles")
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if head.lower_ == "for":
            return verb.pos_ == "VERB" and verb.lemma_.lower() not in reporting_verbs()
        return head.lower_ == "in" and verb.lemma_.lower() in roles["participation"]
    if noun.dep_ not in ("dobj", "attr") or head.pos_ not in ("VERB", "AUX"):
        return False
    lemma = head.lemma_.lower()
    return lemma not in reporting_verbs() or lemma in roles["performative"]


@cache
def _implied() -> dict[str, str]:
    table = lexicons.load("event_roles")["implied_actors"]
    return {verb.lower(): sector for sector, verbs in table.items() for verb in verbs}


def implied_actor(trigger: Token, entities: list[Entity]) -> Entity | None:
    """The police or court an agentless passive leaves unsaid ("X was arrested on Friday"): the
    article's entity of that sector nearest before the trigger, else the first after it in the
    same paragraph."""
    sector = _implied().get(trigger.lemma_.lower())
    if sector is None or not any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        return None
    if any(c.dep_ == "agent" for c in trigger.children):
        return None
    text = text_of(trigger.doc)
    para_end = text.find("\n", trigger.idx)
    para_end = len(text) if para_end < 0 else para_end
    best: tuple[int, Entity] | None = None
    for entity in entities:
        if entity.actor is None or entity.actor.sector != sector or entity.members:
            continue
        for m in entity.mentions:
            if m.start < trigger.idx:
                rank = trigger.idx - m.start
            elif m.start < para_end:
                rank = 10**6 + m.start  # after: only when nothing came before
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, entity)
    return best[1] if best else None


def same_referent(pronoun: Token | None, speaker: Entity) -> bool:
    """Whether a subject pronoun of a reported clause can be its speaker: "they" for groups,
    "it" for organizations and countries, "he"/"she" for people."""
    if pronoun is None or pronoun.pos_ != "PRON":
        return False
    word = pronoun.lower_
    if word in ("they", "we"):
        return speaker.type in PLURAL_TYPES
    if word == "it":
        return speaker.type in ("ORG", "GPE")
    return word in ("he", "she", "i") and speaker.type == "PERSON"


def _acl_owner(token: Token) -> Token | None:
    """The noun whose participle clause holds the trigger ("youths resorted to throwing"),
    when the parser hung the clause on the subject instead of making it the verb."""
    current = token
    while current.dep_ in ("prep", "pcomp", "xcomp") and current.head.i != current.i:
        current = current.head
    owner = current.head
    misparsed = current.dep_ == "acl" and current.pos_ == "VERB" and current.tag_ == "VBD"
    if misparsed and owner.pos_ in ("NOUN", "PROPN") and owner.dep_ in SUBJECTS:
        return owner
    return None


def _relative_head(verb: Token, index: MentionIndex) -> list[Entity]:
    """The noun a relative clause describes ("Blinken, who met ..."), unless it is only the
    place of a larger phrase ("the war in Gaza, which has killed ...")."""
    head = verb.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
        return []
    return entities_of(head, index)


@cache
def _theme_verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in lexicons.load("event_roles")["theme_objects"])


def recipients_of(trigger: Token, words: list[Token], index: MentionIndex) -> list[Entity]:
    found: list[Entity] = []
    used = {t.i for t in words}

    def objects_of(prep: Token) -> list[Entity]:
        return [e for p in prep_objects(prep) for e in entities_of(p, index)]

    def recipient_preps(head: Token) -> list[Token]:
        return [c for c in head.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS]

    heads = [trigger] + [t for t in words[1:] if t.pos_ in ("NOUN", "PROPN", "VERB")]
    theme = trigger.lemma_.lower() in _theme_verbs()  # "withdrew the US from the treaty"
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "attr") and theme:
                continue
            if child.dep_ in ("dobj", "dative", "iobj", "attr") and child.i not in used:
                found += entities_of(child, index)  # "met Gantz", "talks with Gantz"
                found += [e for prep in recipient_preps(child) for e in objects_of(prep)]
            elif child.dep_ == "prep" and (child.lower_ in RECIPIENT_PREPS or child.i in used):
                found += objects_of(child)
            elif child.dep_ == "dobj" and child.i in used:  # "held talks with X"
                found += [e for prep in recipient_preps(child) for e in objects_of(prep)]
    unique: list[Entity] = []
    for e in found:
        if e.type not in ("LOC", "FAC") and e not in unique:
            unique.append(e)
    return unique


_CIRCUMSTANTIAL = frozenset(
    {"via", "on", "in", "at", "through", "during", "after", "before", "since", "by", "over"}
)


def fallback_target(trigger: Token, index: MentionIndex, exclude: list[Entity]) -> list[Entity]:
    """A threat or accusation whose target sits in a clause below it ("until the group is
    eliminated", "accused X of helping Y"): the first person or organization named below the
    trigger, not one met through a circumstance ("via Twitter", "after one of their ...")."""
    for tok in trigger.subtree:
        if tok.i <= trigger.i or _circumstantial(tok, trigger):
            continue
        entity = index.entity(tok)
        if (
            entity is not None
            and entity.type in ("PERSON", "ORG", "GROUP")
            and entity not in exclude
        ):
            return [entity]
    return []


def _circumstantial(token: Token, top: Token) -> bool:
    """Whether the path from `token` up to `top` passes through a circumstantial preposition."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in _CIRCUMSTANTIAL:
            return True
        token = token.head
    return False


def place_of(trigger: Token, index: MentionIndex) -> Entity | None:
    for head in (trigger, *[c for c in trigger.children if c.dep_ == "dobj"]):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for pobj in child.children:
                    entity = index.entity(pobj)
                    if entity is not None and entity.type in PLACE_TYPES:
                        return entity
    return None


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech ("say", "report", "claim")."""
    return frozenset(lexicons.load("reporting")["verbs"])


_NOT_ACTORS = frozenset(
    {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "PRODUCT", "LAW"}
)


@cache
def _people_nouns() -> frozenset[str]:
    desc = lexicons.load("descriptions")
    actors = lexicons.load("actors")
    words = {w.lower() for w in desc["unnamed_people"]["roles"]}
    words |= {w.lower() for w in desc["plural"]["nouns"]}
    words |= {w.lower() for w in actors["collective_heads"]}
    words |= {w.lower() for w in desc["organizations"]["nouns"] if " " not in w}
    return frozenset(words)


def actor_like(token: Token) -> bool:
    """Whether words no entity stands for can still be a political actor or target: a name,
    or a noun for people or a body ("protesters", "a court in Multan"); not a thing ("the
    bill"), a number, a date or an unresolved pronoun (GUIDELINES: never a thing)."""
    if token.pos_ == "PRON" or token.ent_type_ in _NOT_ACTORS or token.like_num:
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = token.lemma_.lower()
    if lemma in _people_nouns() or token.lower_ in _people_nouns():
        return True
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and token.lemma_.lower() in ("thousand", "hundred", "dozen", "group"):
        return any(actor_like(p) for p in of.children if p.dep_ == "pobj")
    return sector_of(token.text) is not None


def np_text(token: Token) -> str:
    """A noun phrase as written, cut before commas and clauses ("Marchers in Lima")."""
    stop = {
        t.i
        for c in token.children
        if c.dep_ in ("relcl", "acl", "appos", "punct") and c.i > token.i
        for t in c.subtree
    }
    end = token.i
    for t in token.subtree:
        if t.i > token.i and (t.i in stop or t.is_punct or t.dep_ in ("relcl", "acl", "appos")):
            break
        end = t.i
    start = token.left_edge.i
    if end - start + 1 > _MAX_NP_TOKENS:
        start = max(start, end - _MAX_NP_TOKENS + 1)
    return token.doc[start : end + 1].text


def subject_token(trigger: Token) -> Token | None:
    owner = _acl_owner(trigger)
    if owner is not None:
        return owner
    raised = _raised_subject(trigger)
    if raised is not None:
        return raised
    verb = _governor(trigger.head if trigger.pos_ == "NOUN" else trigger)
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and child.lower_ not in RELATIVE_PRONOUNS:
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def object_token(trigger: Token) -> Token | None:
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None
