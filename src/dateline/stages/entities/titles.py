"""Personal titles ("U.S. Secretary of State", "former army chief") found in text.

The patterns are built once from `lexicons/titles.yaml`; titles are evidence that the name they
precede is a PERSON, and their words ("State" in "Secretary of State") are never entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dateline import lexicons

_SMALL = {"of", "for", "the"}
_PRE_WINDOW = 80  # characters before a title where "former U.S." and the like may stand


@dataclass(frozen=True)
class TitleMatch:
    """A title in text: `start:end` covers qualifiers and nationality words too."""

    start: int
    end: int
    title: str  # canonical form, e.g. "Secretary of State"
    core_start: int  # where the title proper begins (after "U.S.", "former")
    tail_start: int | None  # where an "of/for <domain>" tail's domain begins, if any


def _alternation(words: list[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(title core pattern, pattern for the words before a core, canonical spellings).

    The core is searched first and the qualifiers and nationality words ("former U.S.") are
    read backwards from it: one optional prefix group in front of the core made the regex
    engine try every character of the article."""
    lex = lexicons.load("titles")
    heads, domains, quals = lex["heads"], lex["domains"], lex["qualifiers"]
    canon = {" ".join(w.lower().split()): w for w in [*domains, *heads]}
    head, domain, qual = _alternation(heads), _alternation(domains), _alternation(quals)
    core = re.compile(
        rf"""(?<![\w.])
        (?P<core>(?i:(?:(?P<d1>{domain})\s+)?(?P<head>{head})
            (?:\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<d2>{domain}))?))
        (?![\w-])""",
        re.VERBOSE,
    )
    pre = re.compile(
        rf"(?<![\w.])(?:(?:(?i:{qual})|(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'-]*)(?:’s|'s)?)\s+){{1,3}}$"
    )
    return core, pre, canon


def canonical_title(match: re.Match[str]) -> str:
    """The title as the lexicon writes it: "foreign  minister" -> "Foreign Minister"."""
    _, _, canon = _tables()

    def form(part: str | None) -> str:
        if not part:
            return ""
        key = " ".join(part.lower().split())
        return canon.get(key, part)

    parts = [form(match["d1"]), form(match["head"])]
    if match["d2"]:
        parts += [match["prep"].lower(), form(match["d2"])]
    return " ".join(p for p in parts if p)


def find_titles(text: str) -> list[TitleMatch]:
    """Every title in `text`, in order, with the qualifiers and nationality before it."""
    core_pattern, pre_pattern, _ = _tables()
    found: list[TitleMatch] = []
    last_end = 0
    for m in core_pattern.finditer(text):
        window_start = max(last_end, m.start() - _PRE_WINDOW)
        pre = pre_pattern.search(text, window_start, m.start())
        start = pre.start() if pre else m.start()
        found.append(
            TitleMatch(
                start=start,
                end=m.end(),
                title=canonical_title(m),
                core_start=m.start("core"),
                tail_start=m.start("d2") if m["d2"] else None,
            )
        )
        last_end = m.end()
    return found


def titles_in(text: str) -> list[str]:
    """Canonical titles mentioned anywhere in a phrase (an appositive, a description)."""
    return [t.title for t in find_titles(text)]


def honorific_gender(word: str) -> tuple[bool, str | None]:
    """Whether `word` is an honorific ("Mrs.") and the gender it tells, if any."""
    table = lexicons.load("titles")["honorifics"]
    if word in table:
        return True, table[word]
    return False, None
