"""Entities: spaCy's NER, corrected with the whole article's evidence.

The tagger labels each span alone; an article says more. A name tagged PERSON once, or preceded
by a title, is a PERSON everywhere; "Blinken" is "Antony Blinken"; "U.S." and "the United States"
are one country; "State" out of "Secretary of State" and agency codes are not entities at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline import lexicons
from dateline.schema import Entity, Evidence, Mention, Meta, Span
from dateline.stages import text_of
from dateline.stages.entities.clusters import (
    Cluster,
    Raw,
    alias_table,
    cluster_mentions,
    entity_name,
    entity_type,
    recover_missed,
    shared_surnames,
)
from dateline.stages.entities.coref import ClusterView, resolve_references
from dateline.stages.entities.descriptions import person_roles
from dateline.stages.entities.gender import name_gender
from dateline.stages.entities.titles import TitleMatch, find_titles, honorific_gender, titles_in
from dateline.stages.gazetteer import country_of_word, is_known_place
from dateline.stages.syntax import coordinated, span_at

NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_LEADING_DET = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_EDGE_JUNK = "()[]{}-–—,;:\"“”‘’'*/"
_ABBREV_REGION = re.compile(r"^(?:[A-Z]\.?){2,3}$")


def _agency_codes() -> set[str]:
    return set(lexicons.load("agencies"))


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim determiners, possessives and stray punctuation; None if nothing name-like is left."""
    while True:
        before = (start, end)
        span = text[start:end]
        det = _LEADING_DET.match(span)
        if det:
            start += det.end()
        poss = _POSSESSIVE.search(text[start:end])
        if poss and end - start > len(poss.group()) + 1:
            end -= len(poss.group())
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] == "." and "." not in text[start : end - 1]:
            end -= 1
        if (start, end) == before:
            break
    span = text[start:end]
    if "(" in span or ")" in span:
        cut = min(i for i in (span.find("("), span.find(")")) if i >= 0)
        return _clean(text, start, start + cut) if cut > 0 else None
    if not any(c.isalpha() for c in span) or (not span[:1].isupper() and not span[:1].isdigit()):
        return None
    return start, end


def _raw_mentions(doc: Doc, meta: Meta, titles: list[TitleMatch]) -> list[Raw]:
    """Cleaned NER spans, minus agency codes and words that belong to a title."""
    text = text_of(doc)
    agencies = _agency_codes()
    ignore = set(lexicons.load("entities")["ignore"])
    dl = meta.dateline
    title_tails = [(t.tail_start, t.end) for t in titles if t.tail_start is not None]
    title_by_end = {t.end: t for t in titles}
    raws: list[Raw] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        begin = ent.start_char
        if ent.label_ == "PERSON":
            begin = _given_name_before(text, begin)  # "Rosa | dela Paz"
        cleaned = _clean(text, begin, ent.end_char)
        if cleaned is None:
            continue
        start, end = cleaned
        for t in titles:  # a PERSON span that swallowed its title ("President Joe Biden")
            if ent.label_ != "PERSON":
                break  # "United Nations General Assembly" is no general
            if t.start <= start < t.end < end and text[t.end : end].strip():
                start = t.end + (len(text[t.end : end]) - len(text[t.end : end].lstrip()))
        span = text[start:end]
        if dl is not None and dl.agency and start < dl.end and end > dl.end - len(dl.agency) - 4:
            continue  # "RHC)--": the agency of the dateline
        if (span in agencies and text[start - 1 : start] == "(") or span in ignore:
            continue
        if any(ts <= start and end <= te for ts, te in title_tails):
            continue  # "State" of "Secretary of State"
        raw = Raw(start=start, end=end, label=ent.label_, text=span)
        _attach_title(raw, text, title_by_end)
        raws.append(raw)
    raws += _coordinated_people(doc, raws)
    raws.sort(key=lambda r: r.start)
    return _merge_city_region(raws, text)


_WORD_BEFORE = re.compile(r"([A-Z][a-zà-ÿ’'-]+) $")


def _given_name_before(text: str, start: int) -> int:
    """Where a person's name really starts when the tagger cut its given name off ("Rosa |
    dela Paz"): the capitalized word just before, if it is a known first name, or any
    capitalized word when the span opens with a lowercase particle ("dela", "van")."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return start
    word = before.group(1)
    if find_titles(word) or honorific_gender(word)[0]:
        return start  # "Judge", "King", "Mr." are titles, whatever their use as names
    particles = {p.lower() for p in lexicons.load("entities")["name_particles"]}
    opens_with_particle = text[start:].split(" ", 1)[0] in particles
    if opens_with_particle or name_gender(word + " _") is not None:
        return before.start(1)
    return start


def _relabel_as_person(raws: list[Raw], char: int) -> None:
    """A multiword non-place name coordinated with a person is a person ("X and Tomas Berglund")."""
    for raw in raws:
        if raw.start <= char < raw.end and raw.label in ("GPE", "ORG", "LOC", "NORP"):
            words = raw.text.split()
            org_words = set(lexicons.load("entities")["org_words"])
            if (
                len(words) > 1
                and not set(words) & org_words
                and raw.text not in alias_table()
                and not is_known_place(raw.text)
            ):
                raw.label = "PERSON"


def _coordinated_people(doc: Doc, raws: list[Raw]) -> list[Raw]:
    """Proper names coordinated with a person ("Benny Gantz and Yair Lapid") are people too:
    the tagger often labels the first conjunct and drops the second."""
    covered = {i for r in raws for i in range(r.start, r.end)}
    found: list[Raw] = []
    for raw in raws:
        if raw.label != "PERSON":
            continue
        span = span_at(doc, raw.start, raw.end)
        if span is None:
            continue
        for tok in coordinated(span.root):
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if tok.idx in covered:
                _relabel_as_person(raws, tok.idx)
                continue
            first = tok
            while (
                first.i > 0
                and doc[first.i - 1].dep_ == "compound"
                and doc[first.i - 1].head == tok
                and doc[first.i - 1].pos_ == "PROPN"
            ):
                first = doc[first.i - 1]
            start, end = first.idx, tok.idx + len(tok)
            if any(i in covered for i in range(start, end)):
                continue
            found.append(Raw(start=start, end=end, label="PERSON", text=text_of(doc)[start:end]))
            covered.update(range(start, end))
    return found


def _attach_title(raw: Raw, text: str, title_by_end: dict[int, TitleMatch]) -> None:
    """Record the title or honorific written right before a mention."""
    if raw.label == "NORP" or country_of_word(raw.text, capitals=False):
        return  # "chief Kenyan negotiator": the title belongs to a noun further on
    before = text[: raw.start]
    gap = len(before) - len(before.rstrip())
    if gap == 0:
        return
    title = title_by_end.get(raw.start - gap)
    if title is not None:
        is_hon, gender = honorific_gender(text[title.core_start : title.end])
        raw.title = None if is_hon else title
        raw.honorific, raw.honorific_gender = is_hon, gender
        return
    word = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    is_hon, gender = honorific_gender(word)
    if is_hon:
        raw.honorific, raw.honorific_gender = True, gender


def _merge_city_region(raws: list[Raw], text: str) -> list[Raw]:
    """ "Washington, DC": a place followed by a region abbreviation is one mention."""
    merged: list[Raw] = []
    for raw in raws:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.label == "GPE"
            and raw.label == "GPE"
            and text[prev.end : raw.start] == ", "
            and _ABBREV_REGION.match(raw.text)
        ):
            prev.end = raw.end
            prev.text = text[prev.start : prev.end]
            continue
        merged.append(raw)
    return merged


def _descriptive_evidence(doc: Doc, cluster: Cluster) -> list[Evidence]:
    """Appositives ("Gantz, a former army chief,") and relative clauses ("Gantz, who resigned")."""
    found: list[Evidence] = []
    text = text_of(doc)
    for m in cluster.mentions:
        if m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for child in root.children:
            if child.dep_ not in ("appos", "relcl") or child.i < span.end:
                continue
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            if len(sub) > 30 or text[span.end_char : sub.start_char].strip() not in (",", ""):
                continue
            start, end = sub.start_char, sub.end_char
            while end > start and text[end - 1] in ",;:–— ":
                end -= 1
            kind = "appositive" if child.dep_ == "appos" else "relative"
            if kind == "relative" and cluster.labels.most_common(1)[0][0] not in (
                "PERSON",
                "ORG",
                "NORP",
            ):
                continue
            found.append(Evidence(kind=kind, text=text[start:end], start=start, end=end))
    return found


def extract_entities(doc: Doc, meta: Meta) -> list[Entity]:
    """Entities of one article, each with all its mentions (names, descriptions, pronouns)."""
    text = text_of(doc)
    titles = find_titles(text)
    raws = _raw_mentions(doc, meta, titles)
    clusters = cluster_mentions(raws)
    recover_missed(clusters, text, [(r.start, r.end) for r in raws])
    typed = [(c, entity_type(c)) for c in clusters]
    shared_surnames(doc, typed)
    views = [_view(doc, i, c, t) for i, (c, t) in enumerate(typed)]
    extra = resolve_references(doc, views)
    for view in views[len(typed) :]:  # people described but never named
        cluster = Cluster(key=view.name, type="PERSON")
        typed.append((cluster, "PERSON"))
    entities = []
    for view, (cluster, typ) in zip(views, typed, strict=True):
        for link in extra.get(view.index, []):
            cluster.mentions.append(
                Raw(
                    start=link.start,
                    end=link.end,
                    label=typ,
                    text=text[link.start : link.end],
                    kind=link.kind,
                    rule=link.rule,
                    via=link.via,
                )
            )
        entities.append(_to_entity(doc, cluster, typ, view.name))
    entities.sort(key=lambda e: e.mentions[0].start)
    for i, entity in enumerate(entities, 1):
        entity.id = f"E{i}"
    return entities


def _view(doc: Doc, index: int, cluster: Cluster, typ: str) -> ClusterView:
    """What coreference needs of a cluster: its mentions, titles, roles and gender."""
    name = entity_name(cluster, typ)
    titles = _titles_of(cluster)
    names = [(m.start, m.end) for m in cluster.mentions if m.kind == "name"]
    gender = next((m.honorific_gender for m in cluster.mentions if m.honorific_gender), None)
    return ClusterView(
        index=index,
        type=typ,
        mentions=[(m.start, m.end) for m in cluster.mentions],
        titles=titles,
        title_evidence=[(m.title.start, m.title.core_start) for m in cluster.mentions if m.title],
        title_spans=[(m.title.start, m.title.end) for m in cluster.mentions if m.title],
        gender=gender or (name_gender(name) if typ == "PERSON" else None),
        name=name,
        roles=person_roles(doc, names, titles) if typ == "PERSON" else set(),
    )


def _titles_of(cluster: Cluster) -> list[str]:
    seen: list[str] = []
    for m in sorted(cluster.mentions, key=lambda m: m.start):
        if m.title and m.title.title not in seen:
            seen.append(m.title.title)
    return seen


def _to_entity(doc: Doc, cluster: Cluster, typ: str, name: str) -> Entity:
    text = text_of(doc)
    mentions = sorted(cluster.mentions, key=lambda m: m.start)
    evidence = [
        Evidence(
            kind="title",
            text=text[m.title.start : m.title.end],
            start=m.title.start,
            end=m.title.end,
        )
        for m in mentions
        if m.title
    ]
    evidence += _descriptive_evidence(doc, cluster)
    titles = _titles_of(cluster)
    for ev in evidence:
        if ev.kind == "appositive":
            titles += [t for t in titles_in(ev.text) if t not in titles]
    aliases = sorted({m.text for m in mentions if m.kind == "name" and m.text != name})
    return Entity(
        id="",
        name=name,
        type=typ,
        aliases=aliases,
        titles=titles if typ == "PERSON" else [],
        evidence=evidence,
        mentions=[_mention(text, m) for m in mentions],
    )


def _mention(text: str, raw: Raw) -> Mention:
    via = (
        Span(text=text[raw.via[0] : raw.via[1]], start=raw.via[0], end=raw.via[1])
        if raw.via
        else None
    )
    return Mention(
        text=raw.text,
        start=raw.start,
        end=raw.end,
        kind=raw.kind,  # type: ignore[arg-type]
        rule=raw.rule,
        via=via,
    )
