"""Mentions grouped by referent: aliases, short forms of full names ("Blinken" is "Antony
Blinken", "Erdogan" is "Erdoğan"), acronyms and suffixes of organization names, names the
tagger missed where the article already uses them, and each group's type and name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from dateline import lexicons
from dateline.stages import fold
from dateline.stages.entities.gender import name_gender
from dateline.stages.entities.titles import TitleMatch
from dateline.stages.gazetteer import country_of_word, is_known_place
from dateline.stages.syntax import coordinated, span_at

_LEADING_DET = re.compile(r"^(?:the|The|THE)\s+")
_MIN_RECOVER_LEN = 3
_ACRONYM_MAX = 4  # "NATO", "FARC" stay as they are; "PRAGUE" joins "Prague"
_CAPITALIZED = re.compile(r"[A-Z][\w’'.-]*")


@dataclass
class Raw:
    """A candidate mention: a cleaned NER span, with the evidence found around it."""

    start: int
    end: int
    label: str
    text: str
    title: TitleMatch | None = None
    honorific_gender: str | None = None
    honorific: bool = False
    kind: str = "name"
    rule: str | None = None  # how coreference linked a description or pronoun
    via: tuple[int, int] | None = None  # the words it was linked through


@dataclass
class Cluster:
    """The mentions of one referent, before it becomes an `Entity`."""

    key: str
    mentions: list[Raw] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    type: str | None = None  # fixed by a lexicon alias
    implied: str | None = None  # "Maria" of "Maria and Tomas Lind" is Maria Lind

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@cache
def alias_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for entry in lexicons.load("aliases"):
        for form in [entry["name"], *entry.get("aliases", [])]:
            table[_LEADING_DET.sub("", form)] = (entry["name"], entry["type"])
    return table


def _place_head(raw: Raw) -> str:
    """The form that identifies a mention: "Washington, DC" -> "Washington"."""
    return raw.text.split(",")[0] if raw.label == "GPE" else raw.text


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _person_surfaces(raws: list[Raw]) -> set[str]:
    """Surfaces the article shows to be people: a PERSON majority, a title or honorific, or a
    capitalized name built on a person's name ("Ana María Ruiz Tagle" beside "Ruiz")."""
    aliases = alias_table()
    org_words = set(lexicons.load("entities")["org_words"])
    votes: dict[str, Counter[str]] = {}
    for r in raws:
        votes.setdefault(r.text, Counter())[r.label] += 1
    titled = {r.text for r in raws if r.title or r.honorific}
    people = {
        s
        for s, v in votes.items()
        if s in titled or (v["PERSON"] and v["PERSON"] >= sum(v.values()) - v["PERSON"])
    }
    people -= set(aliases)
    name_words = {fold(w) for p in people for w in p.split()[1:]}
    name_words |= {fold(p) for p in people if " " not in p}
    split = {p: fold(p).lower().split() for p in sorted(people)}
    for surface in votes:
        words = surface.split()
        if surface in people or surface in aliases or set(words) & org_words:
            continue
        folded = [fold(w) for w in words]
        if len(words) == 1 and (
            folded[0] in name_words or _variant_of(folded[0].lower(), split) is not None
        ):
            people.add(surface)  # "Gantz" tagged ORG once, beside "Benny Gantz"
        elif (
            len(words) > 1 and all(w[:1].isupper() for w in words) and set(folded[1:]) & name_words
        ):
            people.add(surface)
    return people


def _person_parents(people: set[str]) -> dict[str, list[str]]:
    """For each short form, the longest names that contain it ("Pierluisi" -> "Pedro Pierluisi",
    "Erdogan" -> "Recep Tayyip Erdoğan": accents do not tell people apart)."""
    split = {p: fold(p).lower().split() for p in sorted(people)}  # sorted: no hash-seed order
    parents: dict[str, list[str]] = {}
    for short, words in split.items():
        longer = [p for p, w in split.items() if len(w) > len(words) and _is_subsequence(words, w)]
        maximal = [
            p
            for p in longer
            if not any(split[p] != split[q] and _is_subsequence(split[p], split[q]) for q in longer)
        ]
        if maximal:
            parents[short] = maximal
        elif len(words) == 1:
            variant = _variant_of(words[0], split)
            if variant is not None:
                parents[short] = [variant]
    return parents


_MIN_VARIANT = 5  # letters a surname needs before a one-letter difference means a variant


def _variant_of(word: str, split: dict[str, list[str]]) -> str | None:
    """The one full name whose surname is this word spelled one letter differently ("Haddid"
    beside "Omar Haddad": transliterations vary within one report), if exactly one is."""
    if len(word) < _MIN_VARIANT:
        return None
    found = [
        p
        for p, w in split.items()
        if len(w) > 1 and w[-1] != word and w[-1][:2] == word[:2] and _one_edit(w[-1], word)
    ]
    return found[0] if len(found) == 1 else None


_VOWELS = frozenset("aeiouy")


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ the way transliterations do: one vowel for another ("Haddad",
    "Haddid"; "Hussein", "Hussain"), a vowel more beside a vowel ("Mahmud", "Mahmoud") or a
    doubled letter ("Mohamed", "Mohammed"). Not any one letter: "Hamad" is not "Hamas"."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        return a[i] in _VOWELS and b[i] in _VOWELS and a[i + 1 :] == b[i + 1 :]
    near = {b[i - 1] if i > 0 else "", b[i + 1] if i + 1 < len(b) else ""}
    doubled = b[i] in near  # "Mohamed", "Mohammed"
    vowel = b[i] in _VOWELS and bool(near & _VOWELS)  # "Mahmud", "Mahmoud"
    return (doubled or vowel) and a[i:] == b[i + 1 :]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def cluster_mentions(raws: list[Raw]) -> list[Cluster]:
    """Group mentions by referent: aliases, short forms of full names, acronyms, suffixes."""
    aliases = alias_table()
    people = _person_surfaces(raws)
    parents = _person_parents(people)
    # "Lukasz Nowak" and "Łukasz Nowak" are one name: the accented spelling stands for both
    spelled: dict[str, str] = {}
    for p in sorted(people, key=lambda p: (p == fold(p), p)):
        spelled.setdefault(fold(p).lower(), p)
    clusters: dict[str, Cluster] = {}
    last_seen: dict[str, int] = {}

    def add(key: str, raw: Raw, label: str, fixed_type: str | None = None) -> None:
        cluster = clusters.setdefault(key, Cluster(key=key, type=fixed_type))
        cluster.mentions.append(raw)
        cluster.labels[label] += 1
        last_seen[key] = raw.start

    org_names = sorted(
        {r.text for r in raws if r.label in ("ORG", "FAC") and r.text not in people},
        key=lambda n: (-len(n), n),  # ties broken by name, never by hash-seed order
    )
    texts = {r.text for r in raws}
    for raw in sorted(raws, key=lambda r: r.start):
        form = _place_head(raw)
        if form.isupper() and len(form) > _ACRONYM_MAX and form.title() in texts:
            form = form.title()  # "PRAGUE" in the dateline is the "Prague" of the story
        if form in aliases and form not in people:
            name, typ = aliases[form]
            add(name, raw, typ, typ)
        elif form in people:
            full = parents.get(form, [form])
            key = max(full, key=lambda n: last_seen.get(n, -1)) if len(full) > 1 else full[0]
            add(spelled.get(fold(key).lower(), key), raw, "PERSON")
        elif raw.label in ("ORG", "FAC"):
            add(_org_key(form, org_names), raw, raw.label)
        elif (
            raw.label == "NORP"
            and form.endswith("s")
            and any(r.text == form[:-1] for r in raws if r.label == "NORP")
        ):
            add(form[:-1], raw, "NORP")
        else:
            add(form, raw, raw.label)
    return list(clusters.values())


def _org_key(form: str, org_names: list[str]) -> str:
    """An organization's short form or acronym joins the longer name it abbreviates."""
    words = form.split()
    suffix_of = []
    for name in org_names:
        if name == form:
            continue
        name_words = name.split()
        if len(words) < len(name_words) and name_words[-len(words) :] == words:
            suffix_of.append(name)
        if form.isupper() and len(form) >= 2 and _initials(name) == form:
            return name
    longest = [n for n in suffix_of if not any(n != m and m.endswith(" " + n) for m in suffix_of)]
    if len(longest) == 1 and (len(words) > 1 or len(suffix_of) == 1):
        return longest[0]
    return form


def recover_missed(clusters: list[Cluster], text: str, taken: list[tuple[int, int]]) -> None:
    """Find the places where the tagger missed a name the article already uses."""
    forms: dict[str, Cluster] = {}
    surnames: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for m in cluster.mentions:
            if len(m.text) >= _MIN_RECOVER_LEN and m.text[:1].isupper():
                forms.setdefault(m.text, cluster)
        if entity_type(cluster) == "PERSON":
            for m in cluster.mentions:
                if len(m.text.split()) > 1:
                    surnames.setdefault(m.text.split()[-1], []).append(cluster)
    for surname, owners in surnames.items():
        if len(set(map(id, owners))) == 1 and len(surname) >= _MIN_RECOVER_LEN:
            forms.setdefault(surname, owners[0])
    if not forms:
        return
    by_first: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form.split()[0], []).append(form)
    covered = {i for s, e in taken for i in range(s, e)}
    for word in _CAPITALIZED.finditer(text):
        start = word.start()
        if start in covered or (start and (text[start - 1].isalnum() or text[start - 1] in ".-")):
            continue
        for form in by_first.get(word.group().rstrip(".,;:’'"), ()):
            end = start + len(form)
            if not text.startswith(form, start) or (
                end < len(text) and (text[end].isalnum() or text[end] == "-")
            ):
                continue
            if any(i in covered for i in range(start, end)):
                break
            cluster = forms[form]
            label = cluster.type or cluster.labels.most_common(1)[0][0]
            cluster.mentions.append(Raw(start=start, end=end, label=label, text=form))
            covered.update(range(start, end))
            break


def entity_type(cluster: Cluster) -> str:
    if cluster.type:
        return cluster.type
    if any(m.title or m.honorific for m in cluster.mentions):
        return "PERSON"
    if is_known_place(cluster.key):  # "Benin" or "Samarra" tagged PERSON or NORP
        return "GPE"
    if country_of_word(cluster.key, capitals=False):  # "Palestinians" tagged PERSON
        return "NORP"
    person = cluster.labels["PERSON"]
    if person and person >= sum(cluster.labels.values()) - person:
        return "PERSON"
    return cluster.labels.most_common(1)[0][0]


def entity_name(cluster: Cluster, typ: str) -> str:
    if cluster.type:
        return cluster.key
    names = [m.text for m in cluster.mentions if m.kind == "name"]
    if typ == "PERSON":
        best = max(names, key=lambda n: (len(n.split()), names.count(n)))
        return cluster.implied if cluster.implied and len(best.split()) == 1 else best
    if typ in ("GPE", "LOC", "NORP"):
        return cluster.key
    return max(names, key=lambda n: (len(n), names.count(n)))


def shared_surnames(doc: Doc, typed: list[tuple[Cluster, str]]) -> None:
    """ "Maria and Tomas Lind": a lone given name coordinated with a full name shares its
    surname, when the word is a known first name."""
    people = [c for c, t in typed if t == "PERSON"]
    by_start = {m.start: c for c in people for m in c.mentions if m.kind == "name"}
    for cluster in people:
        if any(len(m.text.split()) > 1 for m in cluster.mentions if m.kind == "name"):
            continue
        for m in cluster.mentions:
            token = span_at(doc, m.start, m.end)
            if token is None or name_gender(m.text + " X") is None:
                continue  # not a given name
            for partner in coordinated(token.root):
                other = by_start.get(partner.left_edge.idx) or by_start.get(partner.idx)
                full = [n.text for n in other.mentions if len(n.text.split()) > 1] if other else []
                if other is not cluster and full and partner.i > token.root.i:
                    cluster.implied = f"{m.text} {full[0].split()[-1]}"
                    break
