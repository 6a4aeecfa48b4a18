"""References without names: "the top U.S. diplomat", "the Palestinian group", "he", "his".

Rules, not a neural model: a definite description resolves to the entity whose titles license
it (lexicons/descriptions.yaml), a role noun ("the lawyer") to the person the article gave that
role, else to an unnamed person of its own (descriptions.py); a third-person pronoun to the
nearest person of its gender in its own sentence, else to the main subject of the sentences
before. Each resolution becomes a mention of kind "description" or "pronoun", so users can
audit and discard them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.stages import text_of
from dateline.stages.entities.descriptions import Described, find_descriptions

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN_LOOKBACK = 2  # sentences before the pronoun's own that may hold its antecedent
_ORG_LOOKBACK = 5
_DESCRIPTION_LOOKBACK = 3  # sentences in which "this person" or "the man" finds its referent


@dataclass
class ClusterView:
    """What reference resolution needs to know about one entity."""

    index: int
    type: str
    name: str
    mentions: list[tuple[int, int]]
    titles: list[str] = field(default_factory=list)
    title_evidence: list[tuple[int, int]] = field(default_factory=list)  # (start, core start)
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of titles
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # role nouns the article gives the person
    unnamed: bool = False  # a described person the article never names


@dataclass(frozen=True)
class Link:
    """A new mention of an entity, with the rule that linked it and the words it was linked
    through (an earlier mention, a title, a role), so users can audit the chain."""

    start: int
    end: int
    kind: str  # "description" or "pronoun"
    rule: str
    via: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    entity: int
    sent: int
    subject: bool
    main: bool = False  # the subject of the sentence's main verb (or its appositive)


@cache
def _patterns() -> tuple[
    re.Pattern[str], re.Pattern[str], dict[str, set[str]], set[str], dict[str, set[str]], set[str]
]:
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
    family = {w.lower() for w in lex["unnamed_people"]["family_heads"]}
    return (
        person,
        org,
        roles,
        institutions,
        {kind: set(words) for kind, words in pronouns.items()},
        family,
    )  # type: ignore[return-value]


def resolve_references(doc: Doc, views: list[ClusterView]) -> dict[int, list[Link]]:
    """New mentions per entity index, found by descriptions and pronouns.

    People the article describes without naming are appended to `views` (`unnamed`), their
    mentions returned like the others'."""
    person_re, org_re, roles, institutions, genders, _ = _patterns()
    text = text_of(doc)
    sent_starts = [s.start_char for s in doc.sents]
    taken = sorted(span for v in views if v.type in ("PERSON", "ORG") for span in v.mentions)
    out: dict[int, list[Link]] = {}
    refs = _name_refs(doc, views, sent_starts)

    def add(view: int, link: Link) -> None:
        start, end = link.start, link.end
        out.setdefault(view, []).append(link)
        ref = _Ref(
            start, end, view, bisect_right(sent_starts, start) - 1, *_subject_role(doc, start, end)
        )
        insort(refs, ref, key=lambda r: r.start)

    people = [v for v in views if v.type == "PERSON"]
    titled: list[tuple[int, int]] = []
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
            via = best.title_evidence[0][0] if best.title_evidence else None
            title = next((t for t in best.title_spans if t[0] == via), None)
            add(best.index, Link(m.start(), m.end(), "description", "title", title))
            titled.append((m.start(), m.end()))

    orgs = [v for v in views if v.type == "ORG"]
    for m in org_re.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        noun = m["noun"].lower().split()[-1]
        sent = bisect_right(sent_starts, m.start()) - 1
        ref = _recent_org(orgs, refs, m.start(), sent, noun, institutions)
        if ref is not None:
            add(ref.entity, Link(m.start(), m.end(), "description", "head noun", _span(ref)))

    covered = sorted(taken + titled)
    for described in find_descriptions(doc, covered):
        found = _describe(described, text, views, refs, sent_starts)
        if found is not None:
            index, rule, via = found
            add(index, Link(described.start, described.end, "description", rule, via))

    for token in doc:
        lower = token.lower_
        if lower in genders["thing"]:
            ref = _thing_antecedent(token, refs, views, sent_starts)
            if ref is not None:
                add(ref.entity, _pronoun(token, ref))
            continue
        gender = (
            "male" if lower in genders["male"] else "female" if lower in genders["female"] else None
        )
        if gender is None or token.pos_ not in ("PRON", "DET"):
            continue
        ref = _antecedent(doc, token.i, refs, views, gender, sent_starts)
        if ref is not None:
            add(ref.entity, _pronoun(token, ref))
    return out


def _before(refs: list[_Ref], sent_starts: list[int], pos: int, sent: int, back: int) -> list[_Ref]:
    """The references that end before `pos`, from `back` sentences before `sent` on: a window
    found by bisection, so that long articles stay linear."""
    lo = sent_starts[max(0, sent - back)] if sent_starts else 0
    first = bisect_left(refs, lo, key=lambda r: r.start)
    last = bisect_left(refs, pos, key=lambda r: r.start)
    return [r for r in refs[first:last] if r.end <= pos]


def _span(ref: _Ref) -> tuple[int, int]:
    return ref.start, ref.end


def _pronoun(token: Token, ref: _Ref) -> Link:
    return Link(token.idx, token.idx + len(token), "pronoun", "pronoun", _span(ref))


def _describe(
    d: Described, text: str, views: list[ClusterView], refs: list[_Ref], sent_starts: list[int]
) -> tuple[int, str, tuple[int, int] | None] | None:
    """The view a person description refers to, appending an unnamed person when none fits:
    the most recent person with that role (a partitive "one of the lawyers" is a new one), and
    for "this person" / "the man" the main person of the sentences just before."""
    people = {v.index: v for v in views if v.type == "PERSON"}
    sent = bisect_right(sent_starts, d.start) - 1
    before = [r for r in refs if r.end <= d.start and r.entity in people]

    def agrees(view: ClusterView) -> bool:
        return d.gender is None or view.gender in (None, d.gender)

    if d.indefinite:  # "a federal judge" of the lead: the one judge the article names
        later = [
            v
            for v in people.values()
            if not v.unnamed and d.lemma in v.roles and v.mentions[0][0] > d.start
        ]  # named further on: "a protester" after "Weng, a protester," is someone else
        if len(later) == 1 and agrees(later[0]):
            return later[0].index, "cataphora", later[0].mentions[0]
        return None
    if d.anaphoric:
        near = [
            r for r in before if sent - r.sent <= _DESCRIPTION_LOOKBACK and agrees(people[r.entity])
        ]
        if not near:
            return None
        last = max(r.sent for r in near)
        subjects = [r for r in near if r.sent == last and r.subject]
        ref = (subjects or [r for r in near if r.sent == last])[-1]
        return ref.entity, "anaphoric description", _span(ref)
    if not d.partitive and not d.origin:
        for ref in reversed(before):
            view = people[ref.entity]
            if d.lemma in view.roles and agrees(view):
                return view.index, "role", _span(ref)
        spouse = _family_member(d, list(people.values()))
        if spouse is not None:
            return spouse.index, "family", spouse.mentions[0]
    if not d.argument:
        return None  # "the voter's family": no one in particular
    index = len(views)
    views.append(
        ClusterView(
            index=index,
            type="PERSON",
            name=text[d.start : d.end],
            mentions=[(d.start, d.end)],
            gender=d.gender,
            roles={d.lemma},
            unnamed=True,
        )
    )
    return index, "unnamed", None


def _family_member(d: Described, people: list[ClusterView]) -> ClusterView | None:
    """ "The father" of an article about "David and Louise Harlan": the one person of that
    gender among people who share a surname, when the article has one such family."""
    if d.lemma not in _patterns()[5] or d.gender is None:
        return None
    by_surname: dict[str, list[ClusterView]] = {}
    for view in people:
        if not view.unnamed and len(view.name.split()) > 1:
            by_surname.setdefault(view.name.split()[-1], []).append(view)
    families = [members for members in by_surname.values() if len(members) > 1]
    if len(families) != 1:
        return None
    fitting = [v for v in families[0] if v.gender == d.gender]
    return fitting[0] if len(fitting) == 1 else None


def _name_refs(doc: Doc, views: list[ClusterView], sent_starts: list[int]) -> list[_Ref]:
    refs = [
        _Ref(s, e, v.index, bisect_right(sent_starts, s) - 1, *_subject_role(doc, s, e))
        for v in views
        if v.type in ("PERSON", "ORG", "GPE")
        for s, e in v.mentions
    ]
    return sorted(refs, key=lambda r: r.start)


def _subject_role(doc: Doc, start: int, end: int) -> tuple[bool, bool]:
    """Whether a mention is a subject, and the subject of its sentence's main verb ("The fire
    chief, Ida Marsh, said the driver had fled": Marsh, not the driver)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False, False
    root = span.root
    while root.dep_ in ("compound", "poss", "amod", "appos") and root.head.i != root.i:
        root = root.head
    subject = root.dep_ in SUBJECT_DEPS
    verb = root.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "X arrived and said": the main verb's coordinate
    return subject, subject and verb.dep_ == "ROOT"


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
) -> _Ref | None:
    """The most recently mentioned organization that the noun can describe."""
    by_index = {v.index: v for v in orgs}
    last = bisect_left(refs, pos, key=lambda r: r.start)
    for ref in (refs[k] for k in range(last - 1, -1, -1)):
        if sent - ref.sent > _ORG_LOOKBACK:
            return None
        view = by_index.get(ref.entity)
        if view is None:
            continue
        head = view.name.split()[-1].lower()
        if noun in institutions:
            if head == noun:
                return ref
        elif head == noun or head not in institutions:
            return ref
    return None


def _antecedent(
    doc: Doc,
    i: int,
    refs: list[_Ref],
    views: list[ClusterView],
    gender: str,
    sent_starts: list[int],
) -> _Ref | None:
    """Same sentence: the nearest person before (a subject for a subject pronoun).
    Otherwise: the main subject of the nearest earlier sentence that names a person."""
    token = doc[i]
    pos = token.idx
    sent = bisect_right(sent_starts, pos) - 1
    types = {v.index: v for v in views}

    def fits(ref: _Ref) -> bool:
        view = types[ref.entity]
        return view.type == "PERSON" and view.gender in (None, gender)

    before = [r for r in _before(refs, sent_starts, pos, sent, _PRONOUN_LOOKBACK) if fits(r)]
    same = [r for r in before if r.sent == sent]
    subject = token.dep_ in SUBJECT_DEPS
    if same:
        subjects = [r for r in same if r.subject] if subject else []
        if subjects:
            return subjects[-1]
        if not subject:
            return same[-1]
    for back in range(1, _PRONOUN_LOOKBACK + 1):
        prior = [r for r in before if r.sent == sent - back]
        if prior:
            mains = [r for r in prior if r.main]
            subjects = [r for r in prior if r.subject]
            if subject and same and not (mains or subjects):
                break  # no subject before either: the person of its own sentence
            return (mains or subjects or prior)[0]
    # "Writing to Ana Lind, he said": a subject pronoun looks back to the subject before
    # it rather than to an object of its own sentence, which it takes only when nothing else fits
    return same[-1] if same else None


def _thing_antecedent(
    token: Token, refs: list[_Ref], views: list[ClusterView], sent_starts: list[int]
) -> _Ref | None:
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
    things = [
        r
        for r in _before(refs, sent_starts, pos, sent, 1)
        if types[r.entity] in ("ORG", "GPE") and r.subject
    ]
    same = [r for r in things if r.sent == sent]
    if same:
        return same[-1]
    prior = [r for r in things if r.sent == sent - 1]
    return prior[0] if prior else None
