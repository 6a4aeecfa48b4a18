"""References without names: "the top U.S. diplomat", "the Palestinian group", "he", "his".

Rules, not a neural model: a definite description resolves to the entity whose titles license
it (lexicons/descriptions.yaml); a third-person pronoun to the nearest compatible person in its
own sentence, else to the main subject of the sentences before. Each resolution becomes a
mention of kind "description" or "pronoun", so users can audit and discard them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.stages import text_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN_LOOKBACK = 2  # sentences before the pronoun's own that may hold its antecedent
_ORG_LOOKBACK = 5


@dataclass
class ClusterView:
    """What reference resolution needs to know about one entity."""

    index: int
    type: str
    name: str
    mentions: list[tuple[int, int]]
    titles: list[str] = field(default_factory=list)
    title_evidence: list[tuple[int, int]] = field(default_factory=list)  # (start, core start)
    gender: str | None = None


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    entity: int
    sent: int
    subject: bool


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, set[str]], set[str], set[str]]:
    lex = lexicons.load("descriptions")
    roles = {k.lower(): {t.lower() for t in v} for k, v in lex["persons"].items()}
    role_alt = "|".join(
        re.escape(r).replace(r"\ ", r"\s+") for r in sorted(roles, key=len, reverse=True)
    )
    person = re.compile(
        rf"""(?<![\w-])(?:the|The)\s+
        (?P<mods>(?:(?:top|chief|senior|former|veteran|new|(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'-]*))\s+){{0,3}}?)
        (?P<role>(?i:{role_alt}))(?![\w-])(?!\s+(?:of\b|[A-Z][a-z]))""",
        re.VERBOSE,
    )
    orgs = lex["organizations"]
    nouns = sorted(orgs["nouns"], key=len, reverse=True)
    noun_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    org = re.compile(
        rf"""(?<![\w-])(?:the|The)\s+(?P<mods>(?:[A-Z][\w’'-]*\s+)?)(?P<noun>{noun_alt})(?![\w-])(?!\s+[A-Z][a-z])""",
        re.VERBOSE,
    )
    institutions = {w.lower() for w in orgs["institutions"]}
    pronouns = lexicons.load("descriptions")["pronouns"]
    return (
        person,
        org,
        roles,
        institutions,
        {kind: set(words) for kind, words in pronouns.items()},
    )  # type: ignore[return-value]


def resolve_references(doc: Doc, views: list[ClusterView]) -> dict[int, list[tuple[int, int, str]]]:
    """New mentions (start, end, kind) per entity index, found by descriptions and pronouns."""
    person_re, org_re, roles, institutions, genders = _patterns()
    text = text_of(doc)
    sent_starts = [s.start_char for s in doc.sents]
    taken = sorted(span for v in views if v.type in ("PERSON", "ORG") for span in v.mentions)
    out: dict[int, list[tuple[int, int, str]]] = {}
    refs = _name_refs(doc, views, sent_starts)

    def add(view: int, start: int, end: int, kind: str) -> None:
        out.setdefault(view, []).append((start, end, kind))
        refs.append(
            _Ref(
                start, end, view, bisect_right(sent_starts, start) - 1, _is_subject(doc, start, end)
            )
        )
        refs.sort(key=lambda r: r.start)

    people = [v for v in views if v.type == "PERSON"]
    for m in person_re.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        wanted = roles[" ".join(m["role"].lower().split())]
        candidates = [
            v
            for v in people
            if wanted & {t.lower() for t in v.titles} and v.mentions[0][0] < m.start()
        ]
        origin = [w for w in m["mods"].split() if w[:1].isupper()]
        if origin:  # "the U.S. president" is not a person titled "Senate President"
            candidates = [v for v in candidates if _title_fits(text, v, origin)]
        if candidates:
            best = max(candidates, key=lambda v: max(s for s, _ in v.mentions if s < m.start()))
            add(best.index, m.start(), m.end(), "description")

    orgs = [v for v in views if v.type == "ORG"]
    for m in org_re.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        noun = m["noun"].lower().split()[-1]
        sent = bisect_right(sent_starts, m.start()) - 1
        best = _recent_org(orgs, refs, m.start(), sent, noun, institutions)
        if best is not None:
            add(best, m.start(), m.end(), "description")

    for token in doc:
        lower = token.lower_
        if lower in genders["thing"]:
            antecedent = _thing_antecedent(token, refs, views, sent_starts)
            if antecedent is not None:
                add(antecedent, token.idx, token.idx + len(token), "pronoun")
            continue
        gender = (
            "male" if lower in genders["male"] else "female" if lower in genders["female"] else None
        )
        if gender is None or token.pos_ not in ("PRON", "DET"):
            continue
        antecedent = _antecedent(doc, token.i, refs, views, gender, sent_starts)
        if antecedent is not None:
            add(antecedent, token.idx, token.idx + len(token), "pronoun")
    return out


def _name_refs(doc: Doc, views: list[ClusterView], sent_starts: list[int]) -> list[_Ref]:
    refs = [
        _Ref(s, e, v.index, bisect_right(sent_starts, s) - 1, _is_subject(doc, s, e))
        for v in views
        if v.type in ("PERSON", "ORG", "GPE")
        for s, e in v.mentions
    ]
    return sorted(refs, key=lambda r: r.start)


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "poss", "amod") and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECT_DEPS


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


def _title_fits(text: str, view: ClusterView, origin: list[str]) -> bool:
    """Whether the person's titles allow an origin word like "U.S." or "Israeli": a title that
    names another origin ("Senate President", "French President") rules the person out."""
    stems = {w.rstrip(".").lower()[:4] for w in origin}
    for start, core in view.title_evidence:
        words = [w for w in text[start:core].split() if w[:1].isupper()]
        if not words:
            continue
        return any(w.rstrip(".").lower()[:4] in stems for w in words)
    return True


def _recent_org(
    orgs: list[ClusterView],
    refs: list[_Ref],
    pos: int,
    sent: int,
    noun: str,
    institutions: set[str],
) -> int | None:
    """The most recently mentioned organization that the noun can describe."""
    by_index = {v.index: v for v in orgs}
    for ref in reversed([r for r in refs if r.start < pos]):
        if sent - ref.sent > _ORG_LOOKBACK:
            return None
        view = by_index.get(ref.entity)
        if view is None:
            continue
        head = view.name.split()[-1].lower()
        if noun in institutions:
            if head == noun:
                return view.index
        elif head == noun or head not in institutions:
            return view.index
    return None


def _antecedent(
    doc: Doc,
    i: int,
    refs: list[_Ref],
    views: list[ClusterView],
    gender: str,
    sent_starts: list[int],
) -> int | None:
    """Same sentence: the nearest person before (a subject for a subject pronoun).
    Otherwise: the main subject of the nearest earlier sentence that names a person."""
    token = doc[i]
    pos = token.idx
    sent = bisect_right(sent_starts, pos) - 1
    types = {v.index: v for v in views}

    def fits(ref: _Ref) -> bool:
        view = types[ref.entity]
        return view.type == "PERSON" and view.gender in (None, gender)

    before = [r for r in refs if r.end <= pos and fits(r)]
    same = [r for r in before if r.sent == sent]
    if same:
        if token.dep_ in SUBJECT_DEPS:
            subjects = [r for r in same if r.subject]
            if subjects:
                return subjects[-1].entity
        return same[-1].entity
    for back in range(1, _PRONOUN_LOOKBACK + 1):
        prior = [r for r in before if r.sent == sent - back]
        if prior:
            subjects = [r for r in prior if r.subject]
            return (subjects or prior)[0].entity
    return None


def _thing_antecedent(
    token: Token, refs: list[_Ref], views: list[ClusterView], sent_starts: list[int]
) -> int | None:
    """ "it"/"its" as a subject or possessive: the nearest organization or country that is a
    subject in the same sentence, else the main subject of the sentence before. Objects and
    expletives ("It is rare for ...") are left alone: they are mostly things, not actors."""
    if token.lower_ == "it" and token.dep_ not in SUBJECT_DEPS:
        return None
    head = token.head
    if (
        token.lower_ == "it"
        and head.lemma_ == "be"
        and any(c.dep_ in ("advcl", "ccomp", "xcomp", "csubj") for c in head.children)
    ):
        return None  # "It is rare for X to ...": the clause, not a thing, is the subject
    types = {v.index: v.type for v in views}
    pos = token.idx
    sent = bisect_right(sent_starts, pos) - 1
    things = [r for r in refs if r.end <= pos and types[r.entity] in ("ORG", "GPE") and r.subject]
    same = [r for r in things if r.sent == sent]
    if same:
        return same[-1].entity
    prior = [r for r in things if r.sent == sent - 1]
    return prior[0].entity if prior else None
