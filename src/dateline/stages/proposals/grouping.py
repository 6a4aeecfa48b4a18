"""Which mentions name the same proposal: one group per proposal put forward, definite
mentions joined to the nearest compatible one, pronouns to the last proposal named."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dateline.schema import Entity
from dateline.stages.proposals.mentions import Mention

RESOLUTION = "resolution"
_PRONOUNS = frozenset({"it", "this", "that"})
_PRONOUN_WINDOW = 400  # characters back to the proposal a pronoun may stand for


@dataclass
class Group:
    """The mentions of one proposal; `first` names it."""

    first: Mention
    mentions: list[Mention] = field(default_factory=list)
    derived: list[Mention] = field(default_factory=list)  # resolutions based on it

    @property
    def kind(self) -> str:
        return self.first.kind

    def sides(self) -> list[Entity]:
        out: list[Entity] = []
        for m in self.mentions:
            out += [e for e in (m.proposer, *m.backers, *m.owners) if e is not None]
        return out


def group_mentions(mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    for m in mentions:  # proposals put forward, in text order
        if m.introducer is None or m.derived_from is not None:
            continue
        match = _nearest(m, groups, before_only=True) if m.definite else None
        if match is None:
            groups.append(Group(m, [m]))
            m.proposal = len(groups) - 1
        else:
            _join(m, groups, match)
    for m in mentions:  # derivations, then definite references
        if m.proposal is not None:
            continue
        if m.derived_from is not None:
            target = m.derived_from
            if target.proposal is None:
                _refer(target, mentions, groups)
            if target.proposal is not None:
                m.proposal = target.proposal
                groups[target.proposal].derived.append(m)
            continue
        if m.definite:
            _refer(m, mentions, groups)
    return groups


def _refer(m: Mention, mentions: list[Mention], groups: list[Group]) -> None:
    """Join a definite mention to its proposal; with no proposal put forward, it starts one
    (kept only if a stance or phases turn up)."""
    derived = _derived_resolution(m, groups)
    if derived is not None:
        m.proposal = derived.proposal
        groups[derived.proposal].derived.append(m)  # type: ignore[index]
        return
    match = _nearest(m, groups, before_only=False)
    if match is None:
        groups.append(Group(m, [m]))
        m.proposal = len(groups) - 1
    else:
        _join(m, groups, match)


def _join(m: Mention, groups: list[Group], index: int) -> None:
    m.proposal = index
    groups[index].mentions.append(m)
    groups[index].mentions.sort(key=lambda x: x.start)


def _derived_resolution(m: Mention, groups: list[Group]) -> Mention | None:
    """A later "the Security Council's resolution" stands for the resolution based on a
    proposal, when one was passed."""
    if m.kind != RESOLUTION:
        return None
    for group in groups:
        for d in group.derived:
            if d.kind == RESOLUTION and _compatible_sides(m, d.owners + _proposer(d)):
                return d
    return None


def _proposer(m: Mention) -> list[Entity]:
    return [m.proposer] if m.proposer is not None else []


def _nearest(m: Mention, groups: list[Group], before_only: bool) -> int | None:
    """The compatible proposal mentioned closest before `m` (else after it)."""
    best: tuple[int, int] | None = None
    for n, group in enumerate(groups):
        if (m.kind == RESOLUTION) != (group.kind == RESOLUTION):
            continue
        if not _compatible_sides(m, group.sides()):
            continue
        for other in group.mentions:
            distance = m.start - other.start
            if distance < 0 and before_only:
                continue
            rank = distance if distance >= 0 else 10**9 - distance
            if best is None or rank < best[0]:
                best = (rank, n)
    return best[1] if best else None


def _country(entity: Entity) -> str | None:
    if entity.actor is not None and entity.actor.country:
        return entity.actor.country
    return entity.geo.country if entity.geo is not None else None


def _compatible_sides(m: Mention, sides: list[Entity]) -> bool:
    """Owners named on both sides must share an entity or a country ("the U.S. plan" is
    Biden's proposal; "the Egyptian plan" is not)."""
    own = [e for e in (m.proposer, *m.backers, *m.owners) if e is not None]
    if not own or not sides:
        return True
    ids = {e.id for e in sides}
    countries = {_country(e) for e in sides} - {None}
    return any(e.id in ids or _country(e) in countries for e in own)


def pronoun_proposal(token: Token, mentions: list[Mention]) -> int | None:
    """The proposal "it" stands for: the last proposal mentioned shortly before."""
    if token.lower_ not in _PRONOUNS:
        return None
    earlier = [
        m
        for m in mentions
        if m.proposal is not None and m.end <= token.idx and token.idx - m.end <= _PRONOUN_WINDOW
    ]
    return earlier[-1].proposal if earlier else None
