"""Story events: the same act reported by several articles of a story becomes one event with
all its reports (article, event, trigger, outlet).

Two article events are one act when they have the same PLOVER type, polarity and mood
(asserted and reported acts together; planned and hypothetical ones apart), share an actor
(matched across articles by name, alias or surname, or by a specific actor code for bodies
and groups), have no conflicting recipients, and have compatible dates (equal, one day apart,
or one a part of the other: 2024-06 and 2024-06-10). Article events keep their own ids;
story events are a grouping in the store, extended as articles join the story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, and_, bindparam, delete, func, select, update

from dateline import lexicons
from dateline.corpus.stories.profile import fold
from dateline.store import tables as t

UPDATED = ("date", "mentions", "actors", "recipients")  # what a new report can change
DATE_SLACK_DAYS = 1  # outlets in different time zones date one act a day apart
ASSERTED = frozenset({"asserted", "reported"})
# Acts between parties, where "A met B" and "B met A" are one act.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


@dataclass
class Report:
    """One article event, as story events match it."""

    article_id: str
    event_id: str
    type: str
    date: str | None
    negated: bool
    mood: str  # "act", "planned" or "hypothetical"
    actors: frozenset[str]
    recipients: frozenset[str]
    mentions: int


@dataclass
class StoryEvent:
    number: int
    type: str
    date: str | None
    negated: bool
    mood: str
    actors: set[str]
    recipients: set[str]
    first: tuple[str, str]
    new: list[Report] = field(default_factory=list)
    mentions: int = 0
    changed: bool = False


def entity_keys(name: str, aliases: list[str], kind: str, code: str | None) -> set[str]:
    """How an entity is recognized in another article: its names and aliases, a person's
    surname, and a specific actor code (country + sector) for a body or group."""
    keys = {k for n in (name, *aliases) for k in _words(n)}
    if kind == "PERSON":
        keys |= {fold(n).split()[-1] for n in (name, *aliases) if n and len(n.split()) > 1}
    elif code and len(code) > 3:
        keys.add(f"code:{code}")
    return keys


def reports_of(conn: Connection, article_ids: list[str]) -> list[Report]:
    """The events of these articles, in ingest order and then record order."""
    if not article_ids:
        return []
    e, a, p, en = t.events, t.articles, t.event_participants, t.entities
    keys: dict[tuple[str, str], set[str]] = {}
    for row in conn.execute(
        select(
            en.c.article_id, en.c.entity_id, en.c.name, en.c.aliases, en.c.type, en.c.actor_code
        ).where(en.c.article_id.in_(article_ids))
    ):
        keys[(row.article_id, row.entity_id)] = entity_keys(
            row.name, list(row.aliases or []), row.type, row.actor_code
        )
    roles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in conn.execute(
        select(p.c.article_id, p.c.event_id, p.c.role, p.c.entity_id).where(
            p.c.article_id.in_(article_ids)
        )
    ):
        roles[(row.article_id, row.event_id, row.role)] |= keys.get(
            (row.article_id, row.entity_id), set()
        )
    rows = conn.execute(
        select(
            e.c.article_id,
            e.c.event_id,
            e.c.type,
            e.c.date,
            e.c.negated,
            e.c.modality,
            e.c.actor_text,
            e.c.recipient_text,
            e.c.mentions,
        )
        .join(a, a.c.id == e.c.article_id)
        .where(e.c.article_id.in_(article_ids))
        .order_by(a.c.number, e.c.position)
    )
    out = []
    for row in rows:
        actors = roles.get((row.article_id, row.event_id, "actor")) or _words(row.actor_text)
        recipients = roles.get((row.article_id, row.event_id, "recipient")) or _words(
            row.recipient_text
        )
        restated = len(row.mentions or [])
        out.append(
            Report(
                row.article_id,
                row.event_id,
                row.type,
                row.date,
                bool(row.negated),
                _mood(row.modality),
                frozenset(actors),
                frozenset(recipients),
                max(1, restated),
            )
        )
    return out


def _words(text: str | None) -> set[str]:
    """An unresolved party's key: its words, or for a figure ("more than 1,200 people",
    "1,243 people") what the figure counts, so outlets' differing tolls meet."""
    if not text:
        return set()
    folded = fold(text)
    words = folded.split()
    figures = [n for n, w in enumerate(words) if any(c.isdigit() for c in w)]
    if figures:
        scale = lexicons.load("amounts")["multipliers"]
        after = [w for w in words[figures[-1] + 1 :] if w not in scale]
        return {f"counted:{after[0] if after else words[figures[-1]]}"}
    return {folded}


def _mood(modality: str) -> str:
    return "act" if modality in ASSERTED else modality


def _dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a.startswith(b) or b.startswith(a):
        return True
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= DATE_SLACK_DAYS
    except ValueError:
        return False


def same_act(report: Report, event: StoryEvent) -> bool:
    if (report.type, report.negated, report.mood) != (event.type, event.negated, event.mood):
        return False
    if report.type in SYMMETRIC and _same_parties(report, event):
        return _dates_agree(report.date, event.date)
    # No shared actor: one act only when neither names one and the recipients meet.
    unnamed = not report.actors and not event.actors
    if not (report.actors & event.actors) and not (
        unnamed and report.recipients & event.recipients
    ):
        return False
    if report.recipients and event.recipients and not (report.recipients & event.recipients):
        return False
    return _dates_agree(report.date, event.date)


def _same_parties(report: Report, event: StoryEvent) -> bool:
    """ "A met B" and "B met A": both sides named, and both found among the other's parties."""
    mine = report.actors | report.recipients
    theirs = event.actors | event.recipients
    return bool(
        report.actors
        and report.recipients
        and report.actors & theirs
        and report.recipients & theirs
        and mine & event.actors
    )


def _more_specific(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if len(b) > len(a) else a


def extend(conn: Connection, story_id: str, article_ids: list[str]) -> None:
    """Fold these articles' events (new to the story) into its story events."""
    events = _load(conn, story_id)
    number = max((ev.number for ev in events), default=0)
    for report in reports_of(conn, article_ids):
        match = next((ev for ev in events if same_act(report, ev)), None)
        if match is None:
            number += 1
            match = StoryEvent(
                number,
                report.type,
                report.date,
                report.negated,
                report.mood,
                set(report.actors),
                set(report.recipients),
                (report.article_id, report.event_id),
            )
            events.append(match)
        match.new.append(report)
        match.actors |= report.actors
        match.recipients |= report.recipients
        match.date = _more_specific(match.date, report.date)
        match.mentions += report.mentions
        match.changed = True
    _save(conn, story_id, [ev for ev in events if ev.changed])


def rebuild(conn: Connection, story_id: str) -> None:
    """Story events made anew from every article of the story, in ingest order."""
    conn.execute(delete(t.story_events).where(t.story_events.c.story_id == story_id))
    members = list(
        conn.scalars(
            select(t.articles.c.id)
            .where(t.articles.c.story_id == story_id)
            .order_by(t.articles.c.number)
        )
    )
    extend(conn, story_id, members)


def _load(conn: Connection, story_id: str) -> list[StoryEvent]:
    se, e = t.story_events, t.events
    rows = conn.execute(
        select(se, e.c.negated, e.c.modality)
        .join(e, and_(e.c.article_id == se.c.article_id, e.c.event_id == se.c.event_id))
        .where(se.c.story_id == story_id)
        .order_by(se.c.number)
    )
    return [
        StoryEvent(
            row.number,
            row.type,
            row.date,
            bool(row.negated),
            _mood(row.modality),
            set(row.actors or []),
            set(row.recipients or []),
            (row.article_id, row.event_id),
            mentions=row.mentions,
        )
        for row in rows
    ]


def _save(conn: Connection, story_id: str, events: list[StoryEvent]) -> None:
    se, m = t.story_events, t.story_event_mentions
    existing = set(conn.scalars(select(se.c.number).where(se.c.story_id == story_id)))
    rows = [
        {
            "story_id": story_id,
            "number": ev.number,
            "type": ev.type,
            "date": ev.date,
            "article_id": ev.first[0],
            "event_id": ev.first[1],
            "articles": 0,
            "sources": 0,
            "mentions": ev.mentions,
            "actors": sorted(ev.actors),
            "recipients": sorted(ev.recipients),
        }
        for ev in events
    ]
    changed = [r for r in rows if r["number"] in existing]
    if changed:
        conn.execute(
            update(se)
            .where(se.c.story_id == bindparam("s"), se.c.number == bindparam("n"))
            .values(
                date=bindparam("date"),
                mentions=bindparam("mentions"),
                actors=bindparam("actors"),
                recipients=bindparam("recipients"),
            ),
            [{"s": r["story_id"], "n": r["number"], **{k: r[k] for k in UPDATED}} for r in changed],
        )
    added = [r for r in rows if r["number"] not in existing]
    if added:
        conn.execute(se.insert(), added)
    reports = [
        {
            "article_id": r.article_id,
            "event_id": r.event_id,
            "story_id": story_id,
            "number": ev.number,
        }
        for ev in events
        for r in ev.new
    ]
    if reports:
        conn.execute(delete(m).where(m.c.article_id.in_({r["article_id"] for r in reports})))
        conn.execute(m.insert(), reports)
    _count(conn, story_id, [ev.number for ev in events])


def _count(conn: Connection, story_id: str, numbers: Iterable[int]) -> None:
    """Articles and distinct outlets per story event, from its reports."""
    m, a, se = t.story_event_mentions, t.articles, t.story_events
    numbers = list(numbers)
    if not numbers:
        return
    outlet = func.coalesce(a.c.publisher, a.c.id)
    rows = conn.execute(
        select(m.c.number, func.count(m.c.article_id.distinct()), func.count(outlet.distinct()))
        .join(a, a.c.id == m.c.article_id)
        .where(m.c.story_id == story_id, m.c.number.in_(numbers))
        .group_by(m.c.number)
    )
    for number, articles, sources in rows:
        conn.execute(
            update(se)
            .where(se.c.story_id == story_id, se.c.number == number)
            .values(articles=articles, sources=sources)
        )
