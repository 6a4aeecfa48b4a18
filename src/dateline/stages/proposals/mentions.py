"""Proposal mentions and the proposals they make: which noun phrases name a plan, deal or
resolution, which of them put one forward (and who did), and which refer back to it.

A proposal exists when the text puts it forward ("Biden presented a multiphased proposal",
"the council passed a resolution"); a plan that is only asked for ("pressing the government
to present a plan") or sought ("failure to reach a truce agreement") is none. Definite
mentions ("the deal", "the U.S. plan") refer to the nearest compatible proposal. A resolution
"based on" a proposal is its author's support for that proposal, not a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.schema import Entity
from dateline.stages.events.args import MentionIndex
from dateline.stages.proposals.lexicon import lemma, verb_entry, words

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


@dataclass
class Mention:
    """One noun phrase whose head names a proposal."""

    head: Token
    start: int  # characters of the phrase as written, determiner left out
    end: int
    definite: bool
    owners: list[Entity] = field(default_factory=list)  # "the U.S. plan", "Egypt's proposal"
    backers: list[Entity] = field(default_factory=list)  # "the U.S.-backed proposal"
    proposer: Entity | None = None
    proposer_text: str | None = None
    introducer: Token | None = None  # the verb that puts it forward
    derived_from: Mention | None = None  # "a resolution ... based on the U.S. plan"
    proposal: int | None = None  # index of the proposal it names

    @property
    def kind(self) -> str:
        return lemma(self.head)


def find_mentions(doc: Doc, index: MentionIndex, entities: list[Entity]) -> list[Mention]:
    """Every proposal noun phrase of the text, in order."""
    lex = words()
    found = []
    for token in doc:
        if lemma(token) not in lex.nouns or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.tag_ in ("NNS", "NNPS"):
            continue  # "their plans", "housing initiatives": intentions and programmes
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            continue  # "deal talks": the talks are the thing
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        if any(c.lower_ in lex.not_proposals for c in modifiers):
            continue
        found.append(_mention(token, index, entities))
    return found


def _mention(head: Token, index: MentionIndex, entities: list[Entity]) -> Mention:
    left = [t for t in head.subtree if t.i < head.i and t.i >= _phrase_start(head)]
    start_token = left[0] if left else head
    end_token = head
    for child in head.children:  # "proposal for a ceasefire": the purpose belongs to the name
        if child.dep_ == "prep" and child.lower_ == "for" and child.i == head.i + 1:
            end_token = max(child.subtree, key=lambda t: t.i)
    definite = any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in head.children
    )
    mention = Mention(head, start_token.idx, end_token.idx + len(end_token), definite)
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            entity = index.entity(child)
            role = _hyphen_role(child)
            if entity is None and child.pos_ == "ADJ":
                entity = _demonym_entity(child, entities)
            if entity is None:
                continue
            entity = _country_entity(entity, entities)
            if role == "proposer" and mention.proposer is None:
                mention.proposer = entity
            elif role == "backer":
                mention.backers.append(entity)
            else:
                mention.owners.append(entity)
            if child.dep_ == "poss":
                mention.definite = True
    return mention


def _phrase_start(head: Token) -> int:
    """First token of the name: after determiners and before the head's clauses."""
    start = head.i
    for t in sorted(head.subtree, key=lambda t: t.i):
        if t.i >= head.i:
            break
        if t.dep_ in ("det", "predet") or t.is_punct:
            start = t.i + 1
            continue
        start = min(start, t.i)
        break
    return start


def _hyphen_role(token: Token) -> str | None:
    """ "U.S.-backed" -> backer; "Egyptian-brokered" -> proposer."""
    if "-" not in token.text:
        return None
    return words().hyphen_roles.get(token.text.rsplit("-", 1)[1].lower())


def _demonym_entity(token: Token, entities: list[Entity]) -> Entity | None:
    """The country an adjective of nationality names ("American" -> the United States entity,
    else the nationality entity itself)."""
    for entity in entities:
        if any(m.start <= token.idx < m.end for m in entity.mentions):
            return _country_entity(entity, entities)
    return None


def _country_entity(entity: Entity, entities: list[Entity]) -> Entity:
    if entity.type != "NORP" or entity.actor is None:
        return entity
    for other in entities:
        if other.type == "GPE" and other.actor and other.actor.code == entity.actor.country:
            return other
    return entity


def introduce(mention: Mention, index: MentionIndex, entities: list[Entity]) -> None:
    """Set the verb that puts the proposal forward and its subject as the proposer, unless the
    verb only asks for one or the clause is a goal ("to reach an agreement")."""
    head = mention.head
    if head.dep_ not in _OBJECT_DEPS and head.dep_ != "nsubjpass":
        return
    verb = head.head
    lex = words()
    if verb.pos_ not in ("VERB", "AUX") or _unrealized(verb):
        return
    if verb_entry(verb, lex.conclude) is not None:
        mention.introducer = verb  # an agreement of its parties: they accept it (stances)
        return
    if verb_entry(verb, lex.introduce) is None:
        return
    mention.introducer = verb
    subject = _subject(verb) if head.dep_ != "nsubjpass" else _agent(verb)
    if subject is None:
        return
    entity = index.entity(subject)
    if entity is None and subject.pos_ == "ADJ":
        entity = _demonym_entity(subject, entities)
    if entity is not None and mention.proposer is None:
        mention.proposer = entity
    elif entity is None and mention.proposer is None and subject.pos_ != "PRON":
        mention.proposer_text = subject.doc[subject.left_edge.i : subject.i + 1].text


def _unrealized(verb: Token) -> bool:
    """An infinitive or a clause under a request: the proposal is wished for, not made."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    up = verb
    while up.dep_ in ("xcomp", "ccomp", "conj") and up.head.i != up.i:
        up = up.head
        if lemma(up) in words().requested:
            return True
    return False


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
            current = current.head
        elif current.dep_ in ("relcl", "acl"):
            return current.head
        else:
            return None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def find_derivations(mentions: list[Mention]) -> None:
    """Mark a proposal put forward "based on" (or "endorsing") another mention as derived."""
    lex = words()
    by_head = {m.head.i: m for m in mentions}
    for mention in mentions:
        if mention.introducer is None:
            continue
        clause = list(mention.introducer.subtree)
        for i in range(len(clause)):
            for phrase in lex.derived:
                window = clause[i : i + len(phrase)]
                if len(window) < len(phrase) or not all(
                    word in (t.lower_, lemma(t)) for t, word in zip(window, phrase, strict=True)
                ):
                    continue
                last = clause[i + len(phrase) - 1]
                target = _object_mention(last, by_head)
                if target is not None and target is not mention:
                    mention.derived_from = target


def _object_mention(token: Token, by_head: dict[int, Mention]) -> Mention | None:
    for child in token.children:
        if child.i in by_head:
            return by_head[child.i]
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.i in by_head:
                    return by_head[grandchild.i]
    return None
