"""The proposals lexicon (lexicons/proposals.yaml) read once into the shapes the rules use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from dateline import lexicons


@dataclass(frozen=True)
class ProposalWords:
    nouns: frozenset[str]
    not_proposals: frozenset[str]
    introduce: frozenset[str]
    conclude: frozenset[str]
    hyphen_roles: dict[str, str]
    requested: frozenset[str]
    derived: tuple[tuple[str, ...], ...]
    phase_nouns: frozenset[str]
    ordinals: dict[str, int | str]
    phase_contents: frozenset[str]
    stance_verbs: dict[str, str]  # "deal positively" -> supports
    stance_nouns: dict[str, str]
    light_verbs: frozenset[str]
    condition_verbs: frozenset[str]
    condition_markers: tuple[tuple[str, ...], ...]
    condition_refusals: frozenset[str]
    threat_verbs: frozenset[str]
    reporting: frozenset[str]


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@cache
def words() -> ProposalWords:
    data = lexicons.load("proposals")
    stance_verbs = {
        str(verb).lower(): kind for kind, verbs in data["stance_verbs"].items() for verb in verbs
    }
    return ProposalWords(
        nouns=_words(data["nouns"]),
        not_proposals=_words(data["not_proposals"]),
        introduce=_words(data["introduce"]),
        conclude=_words(data["conclude"]),
        hyphen_roles={str(k).lower(): str(v) for k, v in data["hyphen_roles"].items()},
        requested=_words(data["requested"]),
        derived=tuple(tuple(str(p).lower().split()) for p in data["derived"]),
        phase_nouns=_words(data["phase_nouns"]),
        ordinals={str(k).lower(): v for k, v in data["ordinals"].items()},
        phase_contents=_words(data["phase_contents"]),
        stance_verbs=stance_verbs,
        stance_nouns={str(k).lower(): str(v) for k, v in data["stance_nouns"].items()},
        light_verbs=_words(data["light_verbs"]),
        condition_verbs=_words(data["condition_verbs"]),
        condition_markers=tuple(tuple(str(m).lower().split()) for m in data["condition_markers"]),
        condition_refusals=_words(data["condition_refusals"]),
        threat_verbs=_words(data["threat_verbs"]),
        reporting=_words(lexicons.load("reporting")["verbs"]),
    )


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def particle(verb: Token) -> str | None:
    """The verb's particle or adverb that makes a two-word entry ("put forward", "deal
    positively", "rule out")."""
    for child in verb.children:
        if child.dep_ in ("prt", "advmod") and child.i > verb.i:
            return child.lower_
    return None


def verb_entry(
    verb: Token, table: frozenset[str] | dict[str, str], prep: Token | None = None
) -> str | None:
    """The lexicon entry a verb matches: with the preposition that links it to the proposal
    ("vote against"), its particle or adverb ("deal positively"), then the lemma alone."""
    base = lemma(verb)
    if prep is not None:
        extra = particle(verb)
        for entry in (f"{base} {extra} {prep.lower_}", f"{base} {prep.lower_}"):
            if entry in table:
                return entry
    extra = particle(verb)
    if extra is not None and f"{base} {extra}" in table:
        return f"{base} {extra}"
    for child in verb.children:  # "deal positively and constructively": any adverb counts
        if child.dep_ == "advmod" and f"{base} {child.lower_}" in table:
            return f"{base} {child.lower_}"
    return base if base in table else None
