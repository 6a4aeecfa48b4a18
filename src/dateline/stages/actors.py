"""Actor codes: country + sector for people, organizations, groups and collective actors.

The article's own words come first (titles, appositives, relative clauses, descriptions,
nationality adjectives, coordination with a coded partner); the lexicons (`actors.yaml`,
`countries.tsv`) fill what the article leaves unsaid. Every code keeps its evidence spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Actor, Entity, Span
from dateline.stages import text_of
from dateline.stages.gazetteer import country_of_name, country_of_word
from dateline.stages.syntax import coordinated, span_at

_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "GROUP"})
_INTERNATIONAL = ("IGO", "NGO", "IMG")


@dataclass
class Coding:
    """Country and sector found so far for one entity, with the words that gave them."""

    country: str | None = None
    sector: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def offer(self, country: str | None, sector: str | None, span: Span | None) -> None:
        """Take what is still missing; the first (strongest) source wins."""
        used = False
        if country and not self.country:
            self.country, used = country, True
        if sector and not self.sector:
            self.sector, used = sector, True
        if used and span is not None and span not in self.evidence:
            self.evidence.append(span)

    @property
    def done(self) -> bool:
        return bool(self.country and self.sector)

    def actor(self) -> Actor | None:
        if not (self.country or self.sector):
            return None
        code = (self.country or "") + (self.sector or "") if self.country else None
        return Actor(country=self.country, sector=self.sector, code=code, evidence=self.evidence)


@cache
def _sector_words() -> tuple[dict[str, str], int]:
    table: dict[str, str] = {}
    for sector, words in lexicons.load("actors")["sectors"].items():
        for word in words:
            table[word.lower()] = sector
    return table, max(len(w.split()) for w in table)


def sector_of(phrase: str) -> str | None:
    """Sector named by a title or noun phrase: the longest known phrase at its end wins
    ("foreign minister" -> GOV, "opposition leader" -> OPP, "army chief" -> MIL)."""
    table, longest = _sector_words()
    words = phrase.lower().replace("-", " ").split()
    for n in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - n, -1, -1):
            hit = table.get(" ".join(words[i : i + n]))
            if hit:
                return hit
    return None


@cache
def _known_actors() -> dict[str, tuple[str | None, str | None]]:
    """Lexicon actors by name: organizations, IGOs, groups, people."""
    lex = lexicons.load("actors")
    table: dict[str, tuple[str | None, str | None]] = {}
    for section in ("organizations", "groups", "people"):
        for name, info in lex[section].items():
            table[name] = (info.get("country"), info.get("sector"))
    for name, info in lex["igos"].items():
        table[name] = ("IGO", info.get("sector"))
    return table


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)


def words_country(words: list[str]) -> str | None:
    """Country from a run of words ("U.S.", "Israel’s", "Israeli", "Hamas")."""
    known = _known_actors()
    for word in words:
        iso3 = country_of_word(word, capitals=False)
        if iso3:
            return iso3
        if word in known and known[word][0]:
            return known[word][0]
    return None


@cache
def _people_by_surname() -> dict[str, tuple[str | None, str | None]]:
    """Lexicon people by last name, where the last name points to one country only."""
    table: dict[str, set[tuple[str | None, str | None]]] = {}
    for name, info in lexicons.load("actors")["people"].items():
        table.setdefault(name.split()[-1], set()).add((info.get("country"), info.get("sector")))
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}


def _from_lexicon(entity: Entity) -> tuple[str | None, str | None]:
    known = _known_actors()
    for name in [entity.name, *entity.aliases]:
        if name in known:
            return known[name]
    if entity.type == "PERSON":
        return _people_by_surname().get(entity.name.split()[-1], (None, None))
    return None, None


_WORD = re.compile(r"[A-Z][\w.’'-]*|[a-z][\w-]*")


def _code_person_or_org(doc: Doc, entity: Entity, coding: Coding) -> None:
    """Titles, appositives, relative clauses and descriptions of this entity."""
    text = text_of(doc)
    for ev in entity.evidence:
        words = _WORD.findall(ev.text)
        span = _span(text, ev.start, ev.end)
        if ev.kind == "title":
            coding.offer(words_country(words), sector_of(ev.text), span)
        else:
            coding.offer(*_clause_coding(doc, ev.start, ev.end), span)
    for m in entity.mentions:
        if m.kind == "name" and entity.type == "PERSON":
            coding.offer(*_prenominal(doc, m.start, m.end))
            coding.offer(*_apposed_to(doc, m.start, m.end))
        if m.kind == "description":
            words = _WORD.findall(m.text)
            coding.offer(words_country(words), sector_of(m.text), _span(text, m.start, m.end))
    if entity.type == "PERSON":  # a group the tagger took for a person: "Bosnian Serbs"
        first = entity.mentions[0]
        adjectives = [
            w
            for w in entity.name.split()
            if country_of_word(w, capitals=False) and not country_of_name(w)
        ]
        coding.offer(words_country(adjectives), None, _span(text, first.start, first.end))
    if entity.type == "ORG":  # "Israeli Foreign Ministry", "Palestinian Authority"
        first = entity.mentions[0]
        coding.offer(
            words_country(entity.name.split()),
            sector_of(entity.name),
            _span(text, first.start, first.end),
        )


def _clause_coding(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """Country and sector an appositive or relative clause gives its subject: a sector noun
    and the nationality words that modify it, skipping what the subject left ("resigned from
    Israel's war cabinet and joined the opposition" -> OPP; a country named elsewhere in the
    clause is not the person's)."""
    leaving = set(lexicons.load("actors")["leaving"])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None
    country = sector = None
    root = span.root  # "Chile's best-known human rights lawyer": the head's own modifiers
    country = words_country([c.text for c in root.children if c.dep_ in _MODIFIER_DEPS])
    for token in span:
        if token.pos_ not in ("NOUN", "PROPN") or sector_of(token.text) is None:
            continue
        modifiers = [c.text for c in token.children if c.dep_ in _MODIFIER_DEPS]
        country = words_country(modifiers) or country
        if _governing_verb(token) in leaving:
            continue
        sector = sector_of(token.text)
    return country, sector


def _apposed_to(doc: Doc, start: int, end: int) -> tuple[str | None, str | None, Span | None]:
    """A name set beside a description it explains: "Qatar's emir, Sheikh Tamim"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None, None
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.i < span.start]
    if root.dep_ == "appos" and root.head.i < span.start:
        heads.append(root.head)
    head = next((h for h in heads if h.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return None, None, None
    words = doc[head.left_edge.i : head.i + 1]
    country = words_country([c.text for c in head.children if c.dep_ in _MODIFIER_DEPS])
    ev = Span(text=words.text, start=words.start_char, end=words.end_char)
    return country, sector_of(head.text), ev


def _prenominal(doc: Doc, start: int, end: int) -> tuple[str | None, str | None, Span | None]:
    """Words before a name that describe it: "Norwegian centrist Ingrid Dahl",
    "chief Kenyan negotiator Wanjiru Kamau"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None, None
    left = [c for c in span.root.children if c.dep_ in _MODIFIER_DEPS and c.i < span.start]
    if not left:
        return None, None, None
    first = min(c.left_edge.i for c in left)
    words = doc[first : span.start]
    if not len(words):
        return None, None, None
    country = words_country([t.text for t in words])
    ev = Span(text=words.text, start=words.start_char, end=words.end_char)
    return country, sector_of(words.text), ev


def _governing_verb(token: Token) -> str | None:
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.lemma_.lower() if head.pos_ in ("VERB", "AUX") else None


def _coordinated_partners(doc: Doc, entity: Entity, by_char: dict[int, Entity]) -> list[Entity]:
    """People named in the same coordination ("Benny Gantz and Yair Lapid")."""
    partners: list[Entity] = []
    for m in entity.mentions:
        if m.kind != "name":
            continue
        span = span_at(doc, m.start, m.end)
        if span is None:
            continue
        for tok in coordinated(span.root):
            other = by_char.get(tok.idx)
            if other is not None and other is not entity and other.type == entity.type:
                partners.append(other)
    return partners


def assign_actors(doc: Doc, entities: list[Entity]) -> None:
    """Set `actor` on each person, organization, group, nationality and country entity."""
    codings: dict[str, Coding] = {}
    text = text_of(doc)
    for entity in entities:
        if entity.type not in ACTOR_TYPES:
            continue
        coding = Coding()
        first = entity.mentions[0]
        if entity.type in ("GPE", "NORP"):
            iso3 = country_of_name(entity.name) or country_of_word(entity.name, capitals=False)
            iso3 = iso3 or (entity.geo.country if entity.geo else None)
            iso3 = iso3 or words_country(entity.name.split())
            coding.offer(iso3, None, _span(text, first.start, first.end))
        else:
            lex_country, lex_sector = _from_lexicon(entity)
            if lex_country in _INTERNATIONAL:  # an IGO is what the lexicon says it is
                coding.offer(lex_country, lex_sector, _span(text, first.start, first.end))
            _code_person_or_org(doc, entity, coding)
        codings[entity.id] = coding
    by_char = {m.start: e for e in entities for m in e.mentions if m.kind == "name"}
    for entity in entities:  # partners share what the article says of one of them
        coding = codings.get(entity.id)
        if coding is None or coding.done or entity.type != "PERSON":
            continue
        for partner in _coordinated_partners(doc, entity, by_char):
            other = codings.get(partner.id)
            if other and other.evidence:
                coding.offer(other.country, other.sector, other.evidence[0])
    for entity in entities:
        coding = codings.get(entity.id)
        if coding is None:
            continue
        if not coding.done and entity.type in ("PERSON", "ORG"):
            lex_country, lex_sector = _from_lexicon(entity)
            first = entity.mentions[0]
            coding.offer(lex_country, lex_sector, _span(text, first.start, first.end))
        entity.actor = coding.actor()


_DOMINANT = 0.6  # share of the article's place mentions one country must hold


def locate_actors(entities: list[Entity]) -> None:
    """Actors the article gives no nationality ("demonstrators", "President Bouteflicka",
    "The Homeland Union") take the country where the whole story happens, when one country
    holds most of its place mentions; the place is their evidence. Event data codes such
    actors by location (ACLED's "Protesters (Liberia)"); a story across countries says nothing."""
    weights: dict[str, int] = {}
    first: dict[str, Span] = {}
    for entity in entities:
        if entity.type in ("GPE", "LOC", "FAC") and entity.geo is not None:
            country = entity.geo.country
        elif entity.type == "NORP" and entity.actor is not None:
            country = entity.actor.country  # "Chilean officials": a story set in Chile
        else:
            continue
        if not country:
            continue
        weights[country] = weights.get(country, 0) + len(entity.mentions)
        m = entity.mentions[0]
        first.setdefault(country, Span(text=m.text, start=m.start, end=m.end))
    total = sum(weights.values())
    if not total:
        return
    country, weight = max(weights.items(), key=lambda kv: (kv[1], kv[0]))
    if weight / total < _DOMINANT:
        return
    for entity in entities:
        if entity.type not in ("PERSON", "ORG", "GROUP") or entity.members:
            continue
        actor = entity.actor
        if actor is not None and (actor.country or actor.code in _INTERNATIONAL):
            continue
        sector = actor.sector if actor else None
        evidence = [*(actor.evidence if actor else []), first[country]]
        entity.actor = Actor(
            country=country, sector=sector, code=country + (sector or ""), evidence=evidence
        )
