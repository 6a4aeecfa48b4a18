"""Proposals and stances: the plans, deals and resolutions an article talks about, their
proposers and phases, and where each actor stands toward them.

`mentions` finds the noun phrases that name a proposal and which of them put one forward;
`grouping` joins the mentions of one proposal; `phases` reads its listed parts; `stances`
reads each actor's position from the verb or noun that governs a mention. The words are in
`lexicons/proposals.yaml`. Inputs are the article's own entities (with coreference), quotes
(who reports a stance) and times; the parse is read, never changed.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.schema import Entity, Proposal, Quote, Span, Stance, Time
from dateline.stages.events.args import MentionIndex
from dateline.stages.proposals.grouping import Group, group_mentions
from dateline.stages.proposals.mentions import find_derivations, find_mentions, introduce
from dateline.stages.proposals.phases import find_phases
from dateline.stages.proposals.stances import Context, Found, find_stances

__all__ = ["extract_proposals"]


def extract_proposals(
    doc: Doc, entities: list[Entity], quotes: list[Quote], times: list[Time]
) -> tuple[list[Proposal], list[Stance]]:
    """The article's proposals and the stances taken toward them, with ids P1…, S1…"""
    index = MentionIndex(entities)
    mentions = find_mentions(doc, index, entities)
    for mention in mentions:
        introduce(mention, index, entities)
    find_derivations(mentions)
    groups = group_mentions(mentions)
    context = Context(doc, index, entities, quotes, times, mentions)
    found = find_stances(context, groups)
    phases = [find_phases(doc, n, groups, mentions) for n in range(len(groups))]
    kept = [
        n
        for n, group in enumerate(groups)
        if _put_forward(group) or phases[n] or any(f.proposal == n for f in found)
    ]
    ids = {n: f"P{i}" for i, n in enumerate(kept, 1)}
    proposals = [_proposal(ids[n], groups[n], phases[n], doc) for n in kept]
    stances = [
        _stance(f"S{i}", f, ids[f.proposal], doc)
        for i, f in enumerate((f for f in found if f.proposal in ids), 1)
    ]
    return proposals, stances


def _calendar_date(time: Time | None) -> str | None:
    """A stance's date: a TIMEX3 calendar value (2024-06-10, 2024-06), not a weekday whose
    year the text leaves open (XXXX-WXX-7)."""
    if time is None or time.type != "DATE" or not time.value:
        return None
    return time.value if re.match(r"\d{4}(-\d\d){0,2}$", time.value) else None


def _put_forward(group: Group) -> bool:
    return any(m.introducer is not None for m in group.mentions)


def _proposal(pid: str, group: Group, phases: list, doc: Doc) -> Proposal:
    named = next((m for m in group.mentions if m.introducer is not None), group.mentions[0])
    text = doc.text
    proposer = next((m.proposer for m in group.mentions if m.proposer is not None), None)
    proposer_text = next((m.proposer_text for m in group.mentions if m.proposer_text), None)
    backers: list[str] = []
    for m in group.mentions:
        for entity in (*m.backers, *m.owners):
            if entity.id not in backers and (proposer is None or entity.id != proposer.id):
                backers.append(entity.id)
    return Proposal(
        id=pid,
        name=text[named.start : named.end],
        proposer=proposer.id if proposer else None,
        proposer_text=None if proposer else proposer_text,
        phases=phases,
        start=named.start,
        end=named.end,
        kind=named.kind,
        backers=backers,
        mentions=[
            Span(text=text[m.start : m.end], start=m.start, end=m.end) for m in group.mentions
        ],
    )


def _stance(sid: str, found: Found, proposal: str, doc: Doc) -> Stance:
    evidence = doc[found.start : found.end + 1]
    text = doc.text
    return Stance(
        id=sid,
        proposal=proposal,
        actor=found.actor.id if found.actor else None,
        actor_text=found.actor_text,
        stance=found.kind,  # type: ignore[arg-type]
        conditions=[text[a:b] for a, b in found.conditions],
        reported_by=found.reported_by.id if found.reported_by else None,
        time=found.time.id if found.time else None,
        date=_calendar_date(found.time),
        start=evidence.start_char,
        end=evidence.end_char,
        text=evidence.text,
        cue=found.cue,
        threats=[text[a:b] for a, b in found.threats],
    )
