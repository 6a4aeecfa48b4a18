"""The questions people ask a corpus: which events, which quotes, which actors.

Each query selects keys with indexed SQL (filters, order, limit) and the caller turns the
matching articles into flat rows with `dateline.export.flat`, so query output, exports and
the per-file commands share one row shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, and_, case, cast, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dateline.store import tables as t

_CODE = re.compile(r"^[A-Z]{3,12}$")


@dataclass
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50


def _matches_entity(entity: Any, who: str) -> ColumnElement[bool]:
    """A name (case-insensitive substring) or an actor code (`USA` matches `USAGOV`)."""
    clauses = [func.lower(entity.c.name).contains(who.lower(), autoescape=True)]
    if _CODE.match(who):
        clauses.append(entity.c.actor_code.startswith(who, autoescape=True))
    return or_(*clauses)


def _participant(role: str, condition_on_entity) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    p, en, e = t.event_participants, t.entities.alias("participant_entity"), t.events
    return exists(
        select(1)
        .select_from(
            p.join(en, and_(en.c.article_id == p.c.article_id, en.c.entity_id == p.c.entity_id))
        )
        .where(
            p.c.article_id == e.c.article_id,
            p.c.event_id == e.c.event_id,
            p.c.role == role,
            condition_on_entity(en),
        )
    )


def find_events(conn: Connection, f: EventFilter) -> list[tuple[str, str]]:
    """(article_id, event_id) of matching events, most recent first."""
    e, a = t.events, t.articles
    when = func.coalesce(e.c.date, a.c.published)
    query = select(e.c.article_id, e.c.event_id).join(a, a.c.id == e.c.article_id)
    if f.type:
        kind = f.type.strip()
        query = query.where(
            e.c.cameo.startswith(kind) if kind.isdigit() else e.c.type == kind.upper()
        )
    if f.actor:
        query = query.where(_participant("actor", lambda en: _matches_entity(en, f.actor)))
    if f.recipient:
        query = query.where(_participant("recipient", lambda en: _matches_entity(en, f.recipient)))
    if f.country:
        iso = f.country.upper()
        place = t.entities.alias("place_entity")
        in_place = exists(
            select(1).where(
                place.c.article_id == e.c.article_id,
                place.c.entity_id == e.c.place_id,
                place.c.geo_country == iso,
            )
        )
        query = query.where(
            or_(
                _participant("actor", lambda en: en.c.actor_country == iso),
                _participant("recipient", lambda en: en.c.actor_country == iso),
                in_place,
            )
        )
    if f.since:
        query = query.where(when >= f.since)
    if f.until:
        # A bare "2024-03" as --until means the whole month: compare on the prefix.
        query = query.where(func.substr(when, 1, len(f.until)) <= f.until)
    query = query.order_by(when.desc(), a.c.number, e.c.event_id).limit(f.limit)
    return [(row[0], row[1]) for row in conn.execute(query)]


def find_quotes(
    conn: Connection, speaker: str | None, contains: str | None, limit: int = 50
) -> list[tuple[str, str]]:
    """(article_id, quote_id) of matching quotes, most recent first."""
    q, a = t.quotes, t.articles
    en = t.entities.alias("speaker_entity")
    query = (
        select(q.c.article_id, q.c.quote_id)
        .join(a, a.c.id == q.c.article_id)
        .outerjoin(en, and_(en.c.article_id == q.c.article_id, en.c.entity_id == q.c.speaker_id))
    )
    if speaker:
        needle = speaker.lower()
        query = query.where(
            or_(
                func.lower(en.c.name).contains(needle, autoescape=True),
                func.lower(q.c.speaker_text).contains(needle, autoescape=True),
                en.c.actor_code.startswith(speaker, autoescape=True)
                if _CODE.match(speaker)
                else False,
            )
        )
    if contains:
        query = query.where(func.lower(q.c.text).contains(contains.lower(), autoescape=True))
    query = query.order_by(a.c.published.desc(), a.c.number, q.c.number).limit(limit)
    return [(row[0], row[1]) for row in conn.execute(query)]


ACTOR_TYPES = ("PERSON", "ORG", "NORP", "GPE")


def _total(column: Any) -> ColumnElement[int]:
    """SUM as an integer on every backend (PostgreSQL sums integers to NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), Integer)


def top_actors(conn: Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The actors the corpus talks about most, counted in independent stories.

    An actor is an entity coded as one, or a person, organization, group or country;
    rewrites of one wire story count once (`stories`), every copy counts in `articles`.
    """
    en, a, p, q = t.entities, t.articles, t.event_participants, t.quotes
    roles = (
        select(
            p.c.article_id,
            p.c.entity_id,
            func.sum(case((p.c.role == "actor", 1), else_=0)).label("as_actor"),
            func.sum(case((p.c.role == "recipient", 1), else_=0)).label("as_recipient"),
        )
        .group_by(p.c.article_id, p.c.entity_id)
        .subquery()
    )
    spoken = (
        select(q.c.article_id, q.c.speaker_id, func.count().label("quotes"))
        .where(q.c.speaker_id.is_not(None))
        .group_by(q.c.article_id, q.c.speaker_id)
        .subquery()
    )
    story = func.coalesce(a.c.duplicate_of, a.c.id)
    stories = func.count(story.distinct()).label("stories")
    query = (
        select(
            en.c.name,
            en.c.actor_code,
            en.c.actor_country.label("country"),
            en.c.actor_sector.label("sector"),
            stories,
            func.count(a.c.id.distinct()).label("articles"),
            _total(roles.c.as_actor).label("events_as_actor"),
            _total(roles.c.as_recipient).label("events_as_recipient"),
            _total(spoken.c.quotes).label("quotes"),
        )
        .join(a, a.c.id == en.c.article_id)
        .outerjoin(
            roles, and_(roles.c.article_id == en.c.article_id, roles.c.entity_id == en.c.entity_id)
        )
        .outerjoin(
            spoken,
            and_(spoken.c.article_id == en.c.article_id, spoken.c.speaker_id == en.c.entity_id),
        )
        .where(or_(en.c.is_actor, en.c.type.in_(ACTOR_TYPES)))
        .group_by(en.c.name, en.c.actor_code, en.c.actor_country, en.c.actor_sector)
        .order_by(stories.desc(), en.c.name)
        .limit(limit)
    )
    return [dict(row._mapping) for row in conn.execute(query)]
