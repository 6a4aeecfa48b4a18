"""The actor roll-ups the corpus and actor pages show equal counts made by hand from the
stored records, in the order asked, whatever shortcut the query layer takes."""

from __future__ import annotations

from collections import Counter, defaultdict

from dateline.store import query as q
from dateline.web import views


def counted_by_hand(store, who: str | None = None) -> dict[tuple, dict]:  # type: ignore[no-untyped-def]
    """Per actor (name, code, country, sector): stories, articles, events as actor and as
    recipient, quotes; counted from whole records, one entity at a time."""
    stories: dict[tuple, set] = defaultdict(set)
    articles: dict[tuple, set] = defaultdict(set)
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for record in store.records():
        article = record.article
        for entity in article.entities:
            actor = entity.actor
            if actor is None and entity.type not in q.ACTOR_TYPES:
                continue
            code = actor.code if actor else None
            if who and not _matches(entity, who):
                continue
            key = (
                entity.name,
                code,
                actor.country if actor else None,
                actor.sector if actor else None,
            )
            stories[key].add(record.story_id or article.id)
            articles[key].add(article.id)
            counts[key]["events_as_actor"] += sum(e.actors.count(entity.id) for e in article.events)
            counts[key]["events_as_recipient"] += sum(
                e.recipients.count(entity.id) for e in article.events
            )
            counts[key]["quotes"] += sum(qu.speaker == entity.id for qu in article.quotes)
    return {
        key: {"stories": len(stories[key]), "articles": len(articles[key]), **counts[key]}
        for key in stories
    }


def _key(row: dict) -> tuple:
    return (row["name"], row["actor_code"], row["country"], row["sector"])


def check_ranking(
    rows: list[dict], expected: dict[tuple, dict], order: str, limit: int, offset: int
) -> None:
    """Each row's counts are the hand-made ones, and the rows are the page of the ranking
    by `order`, then stories, then name (rows tied on all three may come in any order)."""
    for row in rows:
        want = expected[_key(row)]
        for column in (*q.ACTOR_ORDERS, "articles"):
            assert row[column] == want.get(column, 0), (row, want)
    ranking = sorted(
        ((-c.get(order, 0), -c["stories"], k[0]) for k, c in expected.items()),
    )
    got = [(-r[order], -r["stories"], r["name"]) for r in rows]
    assert got == ranking[offset : offset + limit]


def test_top_actors_by_every_order_equal_counts_by_hand(web_store):
    expected = counted_by_hand(web_store)
    assert sum(c.get("events_as_actor", 0) > 0 for c in expected.values()) >= 5
    with web_store.engine.connect() as conn:
        for order in q.ACTOR_ORDERS:
            # Pages within the actors with events, and pages that reach those without.
            for limit, offset in (
                (3, 0),
                (10, 0),
                (5, 2),
                (len(expected), 0),
                (4, len(expected) - 2),
            ):
                rows = q.top_actors(conn, limit, order=order, offset=offset)
                check_ranking(rows, expected, order, limit, offset)


def _matches(entity, who: str) -> bool:  # type: ignore[no-untyped-def]
    """The event filters' rule: a name containing `who`, or a code starting with it."""
    code = entity.actor.code if entity.actor else None
    return who.lower() in entity.name.lower() or bool(
        who.isupper() and code and code.startswith(who)
    )


def events_by_hand(store, who: str, role: str) -> tuple[set, Counter]:  # type: ignore[no-untyped-def]
    """Keys of the events with a matching entity in `role`, and their counterparts (the
    other side's name and code) counted once per event and entity."""
    keys: set = set()
    others: Counter = Counter()
    other = "recipients" if role == "actors" else "actors"
    for record in store.records():
        article = record.article
        by_id = {e.id: e for e in article.entities}
        for event in article.events:
            if any(_matches(by_id[i], who) for i in getattr(event, role) if i in by_id):
                keys.add((article.id, event.id))
                for i in getattr(event, other):
                    e = by_id[i]
                    others[(e.name, e.actor.code if e.actor else None)] += 1
    return keys, others


def test_the_actor_page_counts_equal_counts_by_hand(web_store):
    with web_store.engine.connect() as conn:
        top = q.top_actors(conn, 3, order="events_as_actor")
    for who in [top[0]["actor_code"], top[0]["name"], top[1]["name"].split()[-1].lower()]:
        assert who
        view = views.actor_view(web_store, who)
        check_ranking(view["matches"], counted_by_hand(web_store, who), "stories", 20, 0)
        for role, listed, counterparts in (
            ("actors", "events_as_actor", "acts_on"),
            ("recipients", "events_as_recipient", "acted_on_by"),
        ):
            keys, others = events_by_hand(web_store, who, role)
            shown = [(row["article_id"], row["event_id"]) for row in view[listed]]
            assert len(shown) == min(views.TOP, len(keys)) and set(shown) <= keys
            got = [(-c["events"], c["name"], c["actor_code"]) for c in view[counterparts]]
            want = sorted((-n, name, code) for (name, code), n in others.items())
            assert [g[:2] for g in got] == [w[:2] for w in want[: views.TOP]]
            assert all(others[(name, code)] == -n for n, name, code in got)
        as_actor, _ = events_by_hand(web_store, who, "actors")
        with web_store.engine.connect() as conn:
            assert q.count_events(conn, q.EventFilter(actor=who)) == len(as_actor) > 0


def test_a_resolved_name_answers_every_question_as_the_name_itself(web_store):
    """The names and codes found once (query.resolve) select what the name itself selects."""
    with web_store.engine.connect() as conn:
        top = q.top_actors(conn, 5, order="events_as_actor")
        needles = [a["actor_code"] for a in top if a["actor_code"]]
        needles += [a["name"] for a in top] + ["an", "A", "%", "_", "no such actor"]
        for who in needles:
            found = q.resolve(conn, who)
            assert isinstance(found, q.Who), who
            for side in ("actor", "recipient"):
                f, g = q.EventFilter(**{side: who}), q.EventFilter(**{side: found})
                assert q.count_events(conn, g) == q.count_events(conn, f), who
                assert q.find_events(conn, g) == q.find_events(conn, f), who
                assert q.event_histogram(conn, g, 7) == q.event_histogram(conn, f, 7), who
                assert q.counterparts(conn, found, side) == q.counterparts(conn, who, side)
            assert q.find_quotes(conn, found, None) == q.find_quotes(conn, who, None), who
            assert q.count_quotes(conn, found, None) == q.count_quotes(conn, who, None), who
            assert q.top_actors(conn, 50, who=found) == q.top_actors(conn, 50, who=who), who


def _said_by(entity, quote, who: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether a quote's speaker matches `who` as the quote filter says: its entity's name
    or code, or the words naming it."""
    needle = who.lower()
    if entity is not None and needle in entity.name.lower():
        return True
    code = entity.actor.code if entity is not None and entity.actor else None
    if code and q._CODE.match(who) and code.startswith(who):
        return True
    return bool(quote.speaker_text) and needle in quote.speaker_text.lower()


def test_quotes_by_speaker_are_those_found_by_hand(web_store):
    """Quotes matched by their speaker's entity and quotes matched only by the words naming
    an unresolved speaker both come back, each once."""
    records = [r.article for r in web_store.records()]
    unresolved = [
        text for a in records for qu in a.quotes if not qu.speaker and (text := qu.speaker_text)
    ]
    assert unresolved, "no quote whose speaker is words only"
    with web_store.engine.connect() as conn:
        top = q.top_actors(conn, 5, order="quotes")
        needles = [a["actor_code"] for a in top if a["actor_code"]] + [a["name"] for a in top]
        for who in [*needles, unresolved[0], unresolved[-1].split()[-1], "no such speaker"]:
            want = {
                (a.id, qu.id)
                for a in records
                for qu in a.quotes
                if _said_by(a.entity(qu.speaker), qu, who)
            }
            for speaker in (who, q.resolve(conn, who)):
                got = q.find_quotes(conn, speaker, None, limit=100_000)
                assert set(got) == want and len(got) == len(want), who
                assert q.count_quotes(conn, speaker, None) == len(want), who
