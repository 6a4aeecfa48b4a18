"""Grammatical gender of people, for agreeing pronouns: "she" cannot be "David Harlan".

An honorific says it first ("Mrs."), then a gendered noun the article uses for the person
("the father", "one of their daughters"), then the usual gender of the first name
(lexicons/first_names.tsv). Unknown stays None, which agrees with every pronoun.
"""

from __future__ import annotations

from functools import cache

from dateline import lexicons
from dateline.stages import fold


@cache
def _first_names() -> dict[str, str]:
    return {name: row["gender"][0] for name, row in lexicons.load("first_names").items()}


@cache
def _nouns() -> dict[str, str]:
    table = lexicons.load("descriptions")["gendered_nouns"]
    return {noun.lower(): gender for gender, nouns in table.items() for noun in nouns}


def name_gender(name: str) -> str | None:
    """ "male"/"female" from the first given name of a full name; initials are skipped."""
    table = _first_names()
    for word in name.split()[:-1]:  # a lone surname tells nothing
        word = word.strip(".,")
        if len(word) < 2:
            continue
        found = table.get(fold(word).lower())
        if found is not None:
            return "male" if found == "m" else "female"
        return None  # the first given name decides; a middle name does not
    return None


def noun_gender(lemma: str) -> str | None:
    """ "male"/"female" for a gendered person noun ("father", "daughter", "spokeswoman")."""
    return _nouns().get(lemma.lower())
