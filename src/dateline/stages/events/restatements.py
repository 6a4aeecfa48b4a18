"""One real act, coded once: an article restates its news ("has met with top opposition
leaders ... held talks with Benny Gantz and Yair Lapid"), and each restatement would otherwise
count as another meeting in every export.

Two events are the same act when they have the same type, modality class, negation and date
(or both no date) and the same participants, where a collective group stands for the people
of its own actor code ("Israeli opposition leaders" for Gantz and Lapid, both ISROPP). The more
specific event is kept; every trigger span of the act is kept in its `mentions`.
"""

from __future__ import annotations

from dateline.schema import Entity, Event, Span


def merge_restatements(events: list[Event], entities: list[Entity]) -> list[Event]:
    """Events with restatements folded into the first specific statement, in text order."""
    by_id = {e.id: e for e in entities}
    for event in events:
        if not event.mentions:
            event.mentions = [event.trigger]
    kept = [e for e in events if not _covered(e, events, by_id)]
    merged: list[Event] = []
    for event in kept:
        twin = next((k for k in merged if _same_act(k, event)), None)
        if twin is None:
            merged.append(event)
        else:
            _add_mentions(twin, event.mentions)
    for i, event in enumerate(merged, 1):
        event.id = f"V{i}"
    return merged


def _key(event: Event) -> tuple[object, ...]:
    hypothetical = event.modality in ("planned", "hypothetical")
    return (event.type, hypothetical, event.negated, event.date, tuple(event.actors))


def _same_act(a: Event, b: Event) -> bool:
    return _key(a) == _key(b) and a.recipients == b.recipients and a.intended == b.intended


def _covered(event: Event, events: list[Event], by_id: dict[str, Entity]) -> bool:
    """A statement about a group that other statements of the act make specific: its trigger
    becomes a mention of each of them."""
    group = _only_group(event.recipients, by_id)
    if group is None:
        return False
    specific = [
        other
        for other in events
        if other is not event
        and _key(other) == _key(event)
        and other.recipients
        and all(_stands_for(group, by_id.get(r)) for r in other.recipients)
    ]
    for other in specific:
        _add_mentions(other, event.mentions)
    return bool(specific)


def _only_group(ids: list[str], by_id: dict[str, Entity]) -> Entity | None:
    if len(ids) != 1:
        return None
    entity = by_id.get(ids[0])
    if entity is None or entity.type != "GROUP" or entity.members:
        return None
    return entity if entity.actor and entity.actor.code else None


def _stands_for(group: Entity, member: Entity | None) -> bool:
    """Whether a collective group can stand for a named entity: the same actor code."""
    if member is None or member.type == "GROUP" or member.actor is None:
        return False
    return bool(group.actor and member.actor.code == group.actor.code)


def _add_mentions(event: Event, spans: list[Span]) -> None:
    known = {(m.start, m.end) for m in event.mentions}
    event.mentions += [s for s in spans if (s.start, s.end) not in known]
    event.mentions.sort(key=lambda m: m.start)
