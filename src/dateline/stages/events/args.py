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
from dateline.stages.events.participants import (
    MentionIndex,
    entities_of,
)
from dateline.stages.syntax import prep_objects

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RECIPIENT_PREPS = frozenset(
    {"with", "to", "against", "from", "on", "upon", "toward", "towards", "at", "between"}
)
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLURAL_TYPES = frozenset({"GROUP", "NORP"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "pcomp"})
GOVERNOR_DEPS = CLIMB_DEPS | {"prep", "acomp"}
_MAX_NP_TOKENS = 10


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
    if trigger.pos_ == "NOUN":  # its own phrase's roles come first (events/nominal.py)
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
            if verb.dep_ == "dobj" and verb.head.pos_ == "VERB":
                verb = verb.head
    owner = _acl_owner(verb)
    if owner is not None:  # "farmers resorted to blocking roads", parsed as a noun's acl
        return entities_of(owner, index), []
    raised = _raised_subject(verb)
    if raised is not None:  # "were reported by local media to have visited": they visited
        return entities_of(raised, index), []
    stranded = stranded_subject(verb)
    if stranded is not None:  # "arrested after the mayor was stabbed", parsed as "after X"
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        if _voice(verb) == "passive":
            return [e for p in agents for e in entities_of(p, index)], entities_of(stranded, index)
        return entities_of(stranded, index), []
    own = verb
    verb = _governor(verb)
    actors: list[Entity] = []
    passive_subjects: list[Entity] = []
    if verb.i != own.i and own.pos_ == "VERB" and _voice(verb) != _voice(own):
        # "was indicted by the court and will resign": the shared subject acts in the active
        # conjunct, and is acted on in the passive one ("police came and he was arrested")
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                (actors if _voice(own) == "active" else passive_subjects).extend(
                    entities_of(child, index)
                )
        agents = [p for c in own.children if c.dep_ == "agent" for p in c.children]
        return actors + [e for p in agents for e in entities_of(p, index)], passive_subjects
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


def stranded_subject(verb: Token) -> Token | None:
    """The subject the parser left behind as the object of a subordinator: in "X was arrested
    after Y was stabbed" the small model often reads "after Y" as a phrase and "was stabbed"
    as a second main verb. A subjectless conjunct right after such a phrase takes it back."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    for prep in verb.head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _SUBORDINATORS or prep.i > verb.i:
            continue
        pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
            between = verb.doc[pobj.right_edge.i + 1 : verb.i]
            if all(t.is_punct or t.dep_ in ("aux", "auxpass", "neg", "advmod") for t in between):
                return pobj
    return None


def _voice(verb: Token) -> str:
    return "passive" if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) else "active"


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
    talks", "announced a suspension", "was launched by"; not "reported an attack" or "died in
    an attack"."""
    roles = lexicons.load("event_roles")
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if head.lower_ == "for":
            return verb.pos_ == "VERB" and verb.lemma_.lower() not in reporting_verbs()
        return head.lower_ == "in" and verb.lemma_.lower() in roles["participation"]
    lemma = head.lemma_.lower()
    if noun.dep_ == "nsubjpass":  # "the attack was launched by X"
        return lemma not in reporting_verbs() and any(c.dep_ == "agent" for c in head.children)
    if noun.dep_ not in ("dobj", "attr") or head.pos_ not in ("VERB", "AUX"):
        return False
    return lemma not in reporting_verbs() or lemma in roles["performative"]


@cache
def _implied() -> dict[str, str]:
    table = lexicons.load("event_roles")["implied_actors"]
    return {verb.lower(): sector for sector, verbs in table.items() for verb in verbs}


def implied_actor(trigger: Token, entities: list[Entity], nominal: bool = False) -> Entity | None:
    """The police or court an agentless passive leaves unsaid ("X was arrested on Friday"): the
    article's entity of that sector nearest before the trigger, else the first after it in the
    same paragraph. A noun of an act done to someone ("his arrest") is `nominal`ly passive."""
    sector = _implied().get(trigger.lemma_.lower())
    passive = nominal or any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    if sector is None or not passive:
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
        if entity.type == "PERSON":
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
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
        # "increased cooperation with the armies of Chad": the verb carries the noun's phrases
        found += [e for prep in recipient_preps(trigger.head) for e in objects_of(prep)]
    unique: list[Entity] = []
    for e in found:
        if e.type not in ("LOC", "FAC") and e not in unique:
            unique.append(e)
    return unique


_SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "when", "while"})
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
    """A noun phrase as written, cut before commas, clauses and a phrase inside its own
    phrase ("Marchers in Lima"; "the victims of the conflict", not "... for forgiveness for
    the pain"), and kept to its head's end when long."""
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
        if t.i > token.i and t.dep_ == "prep" and t.head.i != token.i:
            break
        end = t.i
    start = token.left_edge.i
    if end - start + 1 > _MAX_NP_TOKENS:
        start = max(start, token.i - _MAX_NP_TOKENS + 1)
        end = min(end, start + _MAX_NP_TOKENS - 1)
    return token.doc[start : end + 1].text


def subject_token(trigger: Token) -> Token | None:
    """The words for the trigger's doer; for a noun, only through a verb that carries it
    ("launched an attack"), not the subject of a clause that mentions it ("civilians died in
    the attack", "Reuters reported the attack")."""
    if trigger.pos_ == "NOUN" and not _support_verb(trigger):
        return None
    owner = _acl_owner(trigger)
    if owner is not None:
        return owner
    raised = _raised_subject(trigger)
    if raised is not None:
        return raised
    stranded = stranded_subject(trigger)
    if stranded is not None and _voice(trigger) == "active":
        return stranded
    verb = _governor(trigger.head if trigger.pos_ == "NOUN" else trigger)
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and child.lower_ not in RELATIVE_PRONOUNS:
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def object_token(trigger: Token) -> Token | None:
    """The trigger's object, else the first "with/to/against ..." phrase that can be a
    participant ("arrested a man on Saturday": the man, not Saturday)."""
    stranded = stranded_subject(trigger)
    if stranded is not None and _voice(trigger) == "passive":
        return stranded
    direct = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if direct is not None:
        return direct
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if pobj is not None and actor_like(pobj):
                return pobj
    return None
