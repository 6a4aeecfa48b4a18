"""Collective actors: "U.S. officials", "the Biden administration", "Israeli troops",
"other members of his right-wing cabinet". Found on the parse, coded like any actor, and
added as entities of type GROUP so events and quotes can point at them."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from dateline import lexicons
from dateline.schema import Actor, Entity, Mention
from dateline.schema import Span as TextSpan
from dateline.stages import text_of
from dateline.stages.actors import sector_of
from dateline.stages.gazetteer import country_of_word

_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "det", "predet", "nummod"})
_MAX_LEFT = 4
_MAX_RIGHT = 6
_ORIGIN_PREPS = frozenset({"of", "from", "in"})
_DROP_LEADING = frozenset({"the", "other", "top", "some", "many", "several", "senior", "a", "an"})


@cache
def _heads() -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicons.load("actors")
    return frozenset(lex["collective_heads"]), frozenset(lex["member_heads"])


def _phrase(token: Token) -> tuple[int, int, Token]:
    """Token range of the collective phrase and its core noun ("members of his cabinet")."""
    _, members = _heads()
    core = token
    if token.lower_ in members:
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if pobj is not None:
            core = pobj
    left = [c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i < token.i]
    start = min((c.left_edge.i for c in left), default=token.i)
    # The parser sometimes misses the modifiers ("the Biden administration voices ..." read as
    # a compound of "voices"): also take the run of modifier-like words right before the head.
    i = token.i
    while i > 0 and token.i - i < _MAX_LEFT and _modifier_like(token.doc[i - 1]):
        i -= 1
    end = core.i
    if core.i == token.i:  # "opposition groups in Zimbabwe", "activists from the Fatah Party"
        prep = next(
            (c for c in token.children if c.dep_ == "prep" and c.lower_ in _ORIGIN_PREPS), None
        )
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if pobj is not None and pobj.i - token.i <= _MAX_RIGHT:
            end = pobj.i
    return min(start, i), end, core


def _modifier_like(token: Token) -> bool:
    if token.pos_ == "PRON":
        return token.dep_ == "poss"
    return token.pos_ in ("PROPN", "ADJ", "DET", "NUM") and not token.is_punct


def _argument(token: Token) -> bool:
    """A subject or object of a clause (or of "by"): where a group acts or is acted on."""
    head = token
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ != "ROOT":
        head = head.head.head  # "thousands of protesters": the partitive's own role
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") or (
        head.dep_ == "pobj" and head.head.lower_ in ("by", "with", "against")
    )


def _body(tokens: Span, owner: dict[int, Entity], head: Token) -> Entity | None:
    """The organization a collective belongs to when the phrase names it ("Hamas officials")."""
    for tok in tokens:
        ent = owner.get(tok.idx)
        if tok.i != head.i and ent is not None and ent.type == "ORG":
            return ent
    return None


def find_collectives(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """New GROUP entities for collective actors whose country the article makes known."""
    heads, _ = _heads()
    text = text_of(doc)
    owner: dict[int, Entity] = {}
    named: set[int] = set()
    for entity in entities:
        for m in entity.mentions:
            for i in range(m.start, m.end):
                owner.setdefault(i, entity)
                if m.kind == "name" and entity.type in ("PERSON", "ORG"):
                    named.add(i)
    groups: dict[tuple[str, str | None, str, str], Entity] = {}
    cores: set[int] = set()
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.idx in named:
            continue
        if token.lower_ not in heads and not (token.tag_ == "NNS" and sector_of(token.lower_)):
            continue  # a collective head, or any plural the sectors know ("nurses", "lawyers")
        if token.idx in owner:
            continue  # "the group" is already a mention of Hamas
        if token.i in cores:
            continue  # "cabinet" already read as the core of "members of his cabinet"
        if token.dep_ in ("compound", "amod") and token.head.lower_ in heads:
            continue  # "opposition" in "opposition leaders" modifies the real head
        start_i, end_i, core = _phrase(token)
        cores.add(core.i)
        tokens = doc[start_i : end_i + 1]
        origins: list[tuple[str, Token]] = []
        for tok in tokens:
            if tok.i == token.i:
                continue
            ent = owner.get(tok.idx)
            found = ent.actor.country if ent is not None and ent.actor else None
            found = found or country_of_word(tok.text, capitals=False)
            if found and found not in {c for c, _ in origins}:
                origins.append((found, tok))
        sector = sector_of(tokens.text)
        body = _body(tokens, owner, token)
        if not origins:
            # "police", "thousands of protesters", "Scientology officials": an actor all the
            # same where it acts or is acted on, coded by its sector (and by the organization
            # it belongs to, when the phrase names one)
            if sector is None or not _argument(token):
                continue
            origins = [(body.actor.country if body and body.actor else None, token)]
            if body is not None and body.actor and body.actor.sector:
                sector = body.actor.sector
        while tokens and tokens[0].lower_ in _DROP_LEADING:
            tokens = tokens[1:]
        for n, (country, evidence) in enumerate(origins):
            # "French and German negotiators" is two actors: the first spans the whole phrase,
            # each later one starts at its own nationality word.
            first = tokens[0] if n == 0 else evidence
            start, end = first.idx, tokens.end_char
            key = (country or "", sector, token.lemma_.lower(), core.lemma_.lower())
            mention = Mention(text=text[start:end], start=start, end=end, kind="description")
            group = groups.get(key)
            if group is None:
                ev = TextSpan(
                    text=evidence.text, start=evidence.idx, end=evidence.idx + len(evidence)
                )
                code = (country or "") + (sector or "")
                group = Entity(
                    id="",
                    name=mention.text,
                    type="GROUP",
                    mentions=[],
                    actor=Actor(country=country, sector=sector, code=code or None, evidence=[ev]),
                )
                groups[key] = group
            group.mentions.append(mention)
            if len(mention.text) < len(group.name):
                group.name = mention.text
    found = list(groups.values())
    for i, group in enumerate(found, len(entities) + 1):
        group.id = f"E{i}"
    return found
