"""One story for a person to read: its articles, its events once each with their sources,
its proposals with the stances taken toward them over time, the figures the outlets
disagree on, and the quotes several outlets printed. What `dateline story ID`, the story page
and its API twin show."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dateline.corpus.stories import read
from dateline.corpus.stories.claims import compare, shared_quotes
from dateline.corpus.stories.positions import gather
from dateline.store import Store

MAX_ARTICLES = 300  # articles read in full for proposals, figures and quotes (the latest)


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story with everything above, or None when no story has that id (or prefix, or
    article id)."""
    with store.engine.connect() as conn:
        resolved = read.resolve(conn, story_id)
        if resolved is None:
            return None
        story = read.story(conn, resolved)
        if story is None:
            return None
        events = read.story_events(conn, resolved)
    members = story["members"][-MAX_ARTICLES:]
    order = {m["id"]: i for i, m in enumerate(members)}
    articles = sorted(
        (r.article for r in store.records([m["id"] for m in members])),
        key=lambda a: order[a.id],
    )
    claims = compare(articles)
    return {
        **story,
        "story_events": events,
        "article_events": sum(len(a.events) for a in articles),
        "proposals": [p.as_dict() for p in gather(articles)],
        "figures": [
            {
                "object": c.object,
                "predicate": c.predicate,
                "unit": c.unit,
                "cumulative": c.cumulative,
                "figures": [asdict(f) for f in c.figures],
                "disagreements": [
                    {"first": asdict(a), "second": asdict(b), "why": why}
                    for a, b, why in c.disagreements
                ],
            }
            for c in claims
        ],
        "quotes": [asdict(q) for q in shared_quotes(articles)],
        "truncated": len(story["members"]) > MAX_ARTICLES,
    }
