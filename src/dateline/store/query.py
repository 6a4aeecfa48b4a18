"""The questions people ask a corpus: which events, which quotes, which actors.

Each query selects keys with indexed SQL (filters, order, limit) and the caller turns the
matching articles into flat rows with `dateline.export.flat`, so query output, exports and
the per-file commands share one row shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import GenericFunction

from dateline.store import tables as t

_CODE = re.compile(r"^[A-Z]{3,12}$")


class Folded(GenericFunction):
    """A text column in lower case, to match a lower-case needle with LIKE: lower(x), but on
    SQLite x itself, whose LIKE ignores ASCII case and whose lower() folds only ASCII, so
    the match is the same and a scan of every name takes a third less time."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(Folded)
def _lower(element: Folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(Folded, "sqlite")
def _as_is(element: Folded, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@dataclass(frozen=True)
class Who:
    """What a name or code (`text`) matches, found with one scan of the entities: the
    names and actor codes of the entities it matches. A page that asks several questions
    about one actor then looks these up in the indexes instead of testing every entity's
    name again in each question."""

    text: str
    names: tuple[str, ...]
    codes: tuple[str, ...]


# More names than this are tested in place rather than listed (bound parameters are capped).
_MAX_NAMES = 2000


def resolve(conn: Connection, who: str) -> Who | str:
    """`who` resolved to the names and codes it matches (`Who`); `who` itself when it
    matches too many names to list."""
    en = t.entities
    names = select(en.c.name).where(Folded(en.c.name).contains(who.lower(), autoescape=True))
    found = list(conn.scalars(names.distinct().limit(_MAX_NAMES + 1)))
    if len(found) > _MAX_NAMES:
        return who
    codes: list[str] = []
    if _CODE.match(who):
        code = en.c.actor_code
        codes = list(
            conn.scalars(select(code).where(code.startswith(who, autoescape=True)).distinct())
        )
    return Who(who, tuple(found), tuple(codes))


@dataclass
class EventFilter:
    actor: str | Who | None = None
    recipient: str | Who | None = None
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0


def _matches_entity(entity: Any, who: str | Who) -> ColumnElement[bool]:
    """A name (case-insensitive substring) or an actor code (`USA` matches `USAGOV`)."""
    if isinstance(who, Who):
        return or_(entity.c.name.in_(who.names), entity.c.actor_code.in_(who.codes))
    clauses = [Folded(entity.c.name).contains(who.lower(), autoescape=True)]
    if _CODE.match(who):
        clauses.append(entity.c.actor_code.startswith(who, autoescape=True))
    return or_(*clauses)


def _participant(role: str, condition_on_entity) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    """Events with a participant in `role` whose entity meets the condition: the entities
    are found first, then their events through the participants' (article, entity) index,
    rather than testing every event in turn."""
    p, e = t.event_participants, t.events
    en = t.entities.alias("participant_entity")
    entities = select(en.c.article_id, en.c.entity_id).where(condition_on_entity(en))
    events = select(p.c.article_id, p.c.event_id).where(
        p.c.role == role, tuple_(p.c.article_id, p.c.entity_id).in_(entities)
    )
    return tuple_(e.c.article_id, e.c.event_id).in_(events)


def _event_when() -> ColumnElement[str]:
    """The date an event is filed under: its own, else its article's publication date."""
    return func.coalesce(t.events.c.date, t.articles.c.published)


def _events_where(query: Select, f: EventFilter) -> Select:  # type: ignore[type-arg]
    """`query` (over events joined to articles) narrowed by the filter's conditions."""
    e = t.events
    when = _event_when()
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
    return query


def _events_from(*columns: Any) -> Select:  # type: ignore[type-arg]
    return select(*columns).select_from(
        t.events.join(t.articles, t.articles.c.id == t.events.c.article_id)
    )


def find_events(conn: Connection, f: EventFilter) -> list[tuple[str, str]]:
    """(article_id, event_id) of matching events, most recent first (a page of them)."""
    e, a = t.events, t.articles
    if f.actor or f.recipient or f.country:
        # Finding who took part is the cost: find them once and sort what matched.
        query = _events_where(_events_from(e.c.article_id, e.c.event_id), f)
        query = query.order_by(_event_when().desc(), a.c.number, e.c.event_id)
        query = query.limit(f.limit).offset(f.offset)
        return [(row[0], row[1]) for row in conn.execute(query)]
    # Events are filed under their own date, else their article's: the page is merged from
    # the first events of each kind, the dated ones read in the order of the index on their
    # date, instead of sorting every event of the corpus by a date no index holds.
    kinds = []
    for filed, has_date in ((e.c.date, e.c.date.is_not(None)), (a.c.published, e.c.date.is_(None))):
        columns = (e.c.article_id, e.c.event_id, filed.label("filed"), a.c.number.label("number"))
        first = _events_where(_events_from(*columns), f).where(has_date)
        first = first.order_by(filed.desc(), a.c.number, e.c.event_id)
        kinds.append(first.limit(f.offset + f.limit).subquery().select())
    merged = union_all(*kinds).subquery()
    query = (
        select(merged.c.article_id, merged.c.event_id)
        .order_by(merged.c.filed.desc(), merged.c.number, merged.c.event_id)
        .limit(f.limit)
        .offset(f.offset)
    )
    return [(row[0], row[1]) for row in conn.execute(query)]


def count_events(conn: Connection, f: EventFilter) -> int:
    """How many events match the filter (all pages)."""
    if f.since or f.until:
        query = _events_from(func.count())
    else:  # every event has its article: no need to join them
        query = select(func.count()).select_from(t.events)
    return int(conn.execute(_events_where(query, f)).scalar_one())


def event_histogram(conn: Connection, f: EventFilter, width: int = 10) -> list[dict[str, Any]]:
    """Matching events counted per period and type: `width` 10 for days, 7 months, 4 years.

    Rows carry `period`, `type`, `cameo_root` (first two digits of the CAMEO code) and `n`,
    so a caller can group the types into PLOVER's quad classes. Events whose own date is
    coarser than `width` are filed under their article's publication date.
    """
    e, a = t.events, t.articles
    own = case((func.length(e.c.date) >= width, e.c.date), else_=None)
    period = func.substr(func.coalesce(own, a.c.published), 1, width).label("period")
    root = func.substr(e.c.cameo, 1, 2).label("cameo_root")
    query = _events_where(_events_from(period, e.c.type, root, func.count().label("n")), f)
    query = query.where(func.coalesce(own, a.c.published).is_not(None))
    query = query.group_by(period, e.c.type, root).order_by(period, e.c.type)
    return [dict(row._mapping) for row in conn.execute(query)]


def counterparts(
    conn: Connection, who: str | Who, role: str, limit: int = 10
) -> list[dict[str, Any]]:
    """Whom `who` acts on (role="actor") or who acts on `who` (role="recipient"), most
    events first: the other side's name and actor code with the number of events."""
    other = "recipient" if role == "actor" else "actor"
    e, p = t.events, t.event_participants
    en = t.entities.alias("counterpart")
    on_side = EventFilter(actor=who) if role == "actor" else EventFilter(recipient=who)
    events = _events_where(_events_from(e.c.article_id, e.c.event_id), on_side).subquery()
    n = func.count().label("events")
    query = (
        select(en.c.name, en.c.actor_code, n)
        .select_from(
            events.join(
                p,
                and_(
                    p.c.article_id == events.c.article_id,
                    p.c.event_id == events.c.event_id,
                    p.c.role == other,
                ),
            ).join(en, and_(en.c.article_id == p.c.article_id, en.c.entity_id == p.c.entity_id))
        )
        .group_by(en.c.name, en.c.actor_code)
        .order_by(n.desc(), en.c.name)
        .limit(limit)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def _quotes_where(speaker: str | Who | None, contains: str | None, *columns: Any) -> Select:  # type: ignore[type-arg]
    q, a = t.quotes, t.articles
    query = select(*columns).select_from(q).join(a, a.c.id == q.c.article_id)
    if speaker:
        query = query.where(q.c.number.in_(_spoken_by(speaker)))
    if contains:
        query = query.where(Folded(q.c.text).contains(contains.lower(), autoescape=True))
    return query


def _spoken_by(speaker: str | Who) -> Any:
    """The numbers of the quotes whose speaker matches: its entity by name or code, or the
    words naming an unresolved speaker. Two lookups in a union, each through an index,
    rather than one test of entity and words for every quote of the corpus."""
    q = t.quotes
    en = t.entities.alias("speaker_entity")
    text = speaker.text if isinstance(speaker, Who) else speaker
    by_entity = (
        select(q.c.number)
        .join(en, and_(en.c.article_id == q.c.article_id, en.c.entity_id == q.c.speaker_id))
        .where(_matches_entity(en, speaker))
    )
    by_words = select(q.c.number).where(
        Folded(q.c.speaker_text).contains(text.lower(), autoescape=True)
    )
    return union(by_entity, by_words)


def find_quotes(
    conn: Connection,
    speaker: str | Who | None,
    contains: str | None,
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[str, str]]:
    """(article_id, quote_id) of matching quotes, most recent first (a page of them)."""
    q, a = t.quotes, t.articles
    query = _quotes_where(speaker, contains, q.c.article_id, q.c.quote_id)
    query = query.order_by(a.c.published.desc(), a.c.number, q.c.number)
    return [(row[0], row[1]) for row in conn.execute(query.limit(limit).offset(offset))]


def count_quotes(conn: Connection, speaker: str | Who | None, contains: str | None) -> int:
    return int(conn.execute(_quotes_where(speaker, contains, func.count())).scalar_one())


ACTOR_TYPES = ("PERSON", "ORG", "NORP", "GPE")


def _total(column: Any) -> ColumnElement[int]:
    """SUM as an integer on every backend (PostgreSQL sums integers to NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), Integer)


ACTOR_ORDERS = ("stories", "events_as_actor", "events_as_recipient", "quotes")
_ROLE_ORDERS = {"events_as_actor": "actor", "events_as_recipient": "recipient"}


def top_actors(
    conn: Connection,
    limit: int = 20,
    order: str = "stories",
    who: str | Who | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The actors the corpus talks about most, counted in independent stories.

    An actor is an entity coded as one, or a person, organization, group or country;
    rewrites of one wire story count once (`stories`), every copy counts in `articles`.
    `order` ranks by another count (ACTOR_ORDERS); `who` keeps the actors whose name or
    code matches as in the event filters.
    """
    if order not in ACTOR_ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ACTOR_ORDERS)}")
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
    stories = func.count(story_of(a).distinct()).label("stories")
    counts = {
        "stories": stories,
        "events_as_actor": _total(roles.c.as_actor).label("events_as_actor"),
        "events_as_recipient": _total(roles.c.as_recipient).label("events_as_recipient"),
        "quotes": _total(spoken.c.quotes).label("quotes"),
    }
    if who:  # a few entities: each one's parts counted in the indexes, not every entity's
        mine = and_(p.c.article_id == en.c.article_id, p.c.entity_id == en.c.entity_id)
        said = and_(q.c.article_id == en.c.article_id, q.c.speaker_id == en.c.entity_id)
        for column, condition in (
            ("events_as_actor", and_(mine, p.c.role == "actor")),
            ("events_as_recipient", and_(mine, p.c.role == "recipient")),
            ("quotes", said),
        ):
            part = select(func.count()).where(condition).scalar_subquery()
            counts[column] = _total(part).label(column)
    query = (
        select(
            en.c.name,
            en.c.actor_code,
            en.c.actor_country.label("country"),
            en.c.actor_sector.label("sector"),
            counts["stories"],
            func.count(a.c.id.distinct()).label("articles"),
            counts["events_as_actor"],
            counts["events_as_recipient"],
            counts["quotes"],
        )
        .join(a, a.c.id == en.c.article_id)
        .where(or_(en.c.is_actor, en.c.type.in_(ACTOR_TYPES)))
        .group_by(en.c.name, en.c.actor_code, en.c.actor_country, en.c.actor_sector)
        .order_by(counts[order].desc(), stories.desc(), en.c.name)
        .limit(limit)
        .offset(offset)
    )
    if not who:
        query = query.outerjoin(
            roles, and_(roles.c.article_id == en.c.article_id, roles.c.entity_id == en.c.entity_id)
        ).outerjoin(
            spoken,
            and_(spoken.c.article_id == en.c.article_id, spoken.c.speaker_id == en.c.entity_id),
        )
    if who:
        query = query.where(_matches_entity(en, who))
    if order in _ROLE_ORDERS:
        # Only names that took part in the role can rank above zero: roll up those alone
        # (a name's every entity, so its counts are whole); a page that reaches zero (too
        # few such actors) is rolled up from every entity instead.
        took = t.entities.alias("took_part")
        named = (
            select(took.c.name)
            .join(p, and_(p.c.article_id == took.c.article_id, p.c.entity_id == took.c.entity_id))
            .where(p.c.role == _ROLE_ORDERS[order])
        )
        rows = [dict(row._mapping) for row in conn.execute(query.where(en.c.name.in_(named)))]
        if len(rows) == limit and rows[-1][order] > 0:
            return rows
    return [dict(row._mapping) for row in conn.execute(query)]


@dataclass
class ArticleFilter:
    since: str | None = None
    until: str | None = None
    publisher: str | None = None
    limit: int = 50
    offset: int = 0


def _articles_where(f: ArticleFilter, *columns: Any) -> Select:  # type: ignore[type-arg]
    a = t.articles
    query = select(*columns).select_from(a)
    if f.since:
        query = query.where(a.c.published >= f.since)
    if f.until:
        query = query.where(func.substr(a.c.published, 1, len(f.until)) <= f.until)
    if f.publisher:
        needle = f.publisher.lower()
        query = query.where(Folded(a.c.publisher).contains(needle, autoescape=True))
    return query


def _per_article(table: Any, a: Any) -> Any:
    """How many rows of `table` an article holds: counted for the articles listed only,
    through the table's article index, not for every article before the page is cut."""
    return select(func.count()).where(table.c.article_id == a.c.id).scalar_subquery()


def find_articles(conn: Connection, f: ArticleFilter) -> list[dict[str, Any]]:
    """Articles, latest first, with their headline line and how many events and quotes
    each holds (not the text: a listing must stay small)."""
    a = t.articles
    query = _articles_where(
        f,
        a.c.id,
        a.c.headline,
        a.c.published,
        a.c.publisher,
        a.c.url,
        a.c.word_count,
        story_of(a).label("story_id"),
        a.c.duplicate_of,
        _per_article(t.events, a).label("events"),
        _per_article(t.quotes, a).label("quotes"),
    )
    query = (
        query.order_by(a.c.published.desc().nulls_last(), a.c.number.desc())
        .limit(f.limit)
        .offset(f.offset)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def count_articles(conn: Connection, f: ArticleFilter) -> int:
    return int(conn.execute(_articles_where(f, func.count())).scalar_one())


def story_of(a: Any) -> ColumnElement[str]:
    """An article's story: its `story_id`, else (stored before stories) its first copy."""
    return func.coalesce(a.c.story_id, a.c.duplicate_of, a.c.id)


def story_articles(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """The other articles of an article's story (its rewrites among them)."""
    a = t.articles
    story = conn.scalar(select(story_of(a)).where(a.c.id == article_id))
    if story is None:
        return []
    # story_of(a) == story, spelt out so that each branch is looked up in an index of its
    # own column instead of computing the story of every article.
    unset = a.c.story_id.is_(None)
    first_copy = and_(unset, a.c.duplicate_of.is_(None), a.c.id == story)
    in_story = or_(a.c.story_id == story, and_(unset, a.c.duplicate_of == story), first_copy)
    query = (
        select(
            a.c.id,
            a.c.headline,
            a.c.published,
            a.c.publisher,
            a.c.duplicate_of,
            a.c.duplicate_similarity,
        )
        .where(in_story, a.c.id != article_id)
        .order_by(a.c.published.nulls_last(), a.c.number)
    )
    return [dict(row._mapping) for row in conn.execute(query)]
