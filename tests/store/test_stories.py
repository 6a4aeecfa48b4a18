"""Stories across outlets (issue 14) on SQLite and PostgreSQL: three outlets' reports of one
meeting (our own texts, tests/fixtures/story) form one story and an unrelated report of the
same day stays apart; story events count the meeting once with three sources; exports,
figures, quotes and proposals are read across the story."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from dateline.corpus.stories import after_write, regroup
from dateline.corpus.stories.read import StoryFilter, find_stories
from dateline.corpus.stories.timeline import story_view
from dateline.export import export, gdelt
from dateline.pipeline import Pipeline
from dateline.sources import iter_documents
from dateline.store import Extracted, dedup, open_store
from dateline.store import tables as t
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow
REPORTS = FIXTURES / "story" / "reports.jsonl"


@pytest.fixture(scope="module")
def extracted() -> list[Extracted]:
    """The four reports read once (the story's three, then the port strike)."""
    documents = list(iter_documents(REPORTS))
    articles = list(Pipeline().run(documents))
    return [
        Extracted(a.model_dump(), d.name, dedup.signature(a.text))
        for d, a in zip(documents, articles, strict=True)
    ]


def _ingest(url: str, items: list[Extracted], batch: int = 2):  # type: ignore[no-untyped-def]
    store = open_store(url)
    for start in range(0, len(items), batch):
        store.write(items[start : start + batch], "test", after=after_write)
    return store


def _groups(store) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Story id -> the record names of its articles (harbor-1, ...)."""
    out: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for source, story in conn.execute(select(t.articles.c.source, t.articles.c.story_id)):
            out.setdefault(story, set()).add(source.rsplit("(", 1)[1].rstrip(")"))
    return out


@pytest.fixture
def stored(db_url, extracted):  # type: ignore[no-untyped-def]
    store = _ingest(db_url, extracted)
    yield store
    store.close()


def _story(store) -> dict:  # type: ignore[no-untyped-def,type-arg]
    with store.engine.connect() as conn:
        (first, *_rest) = find_stories(conn, StoryFilter(min_articles=2))
    view = story_view(store, first["id"])
    assert view is not None
    return view


def test_three_reports_are_one_story_and_the_strike_stays_apart(stored):
    groups = sorted(_groups(stored).values(), key=len)
    assert groups == [{"orlan-1"}, {"harbor-1", "coast-1", "valley-1"}]
    with stored.engine.connect() as conn:
        listed = find_stories(conn, StoryFilter())
    story = next(s for s in listed if len(s["articles"]) == 3)
    assert set(story) == {"id", "title", "first", "last", "articles", "outlets", "events"}
    assert (story["first"], story["last"]) == ("2025-03-04", "2025-03-05")
    assert story["outlets"] == ["Coast Times", "Harbor Wire", "Valley Post"]
    assert story["id"] in story["articles"]  # named after its first article


def test_the_meeting_is_one_story_event_with_three_sources(stored):
    view = _story(stored)
    assert len(view["story_events"]) < view["article_events"]
    meetings = [e for e in view["story_events"] if e["type"] == "CONSULT"]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert (meeting["articles"], meeting["sources"]) == (3, 3)
    assert {r["publisher"] for r in meeting["reports"]} == {
        "Harbor Wire",
        "Coast Times",
        "Valley Post",
    }
    assert {"Elin Marsk", "Davor Hult"} == set(meeting["actor_names"] + meeting["recipient_names"])
    # Three outlets' tolls ("about 900", "more than 1,200", "1,243" people killed) are one act.
    (toll,) = [e for e in view["story_events"] if e["type"] == "ASSAULT"]
    assert (toll["articles"], toll["sources"]) == (3, 3)


def test_gdelt_writes_the_meeting_once_with_its_counts(stored, tmp_path):
    out = tmp_path / "events.tsv"
    n = export(stored, "gdelt", out)
    frame = pd.read_csv(out, sep="\t", header=None, names=gdelt.COLUMNS, dtype=str)
    meeting = frame[frame["Actor1Name"].isin(["Elin Marsk", "Davor Hult"])]
    meeting = meeting[meeting["EventRootCode"].fillna("").str.startswith("04")]
    assert len(meeting) == 1
    row = meeting.iloc[0]
    assert (row["NumArticles"], row["NumSources"], row["NumMentions"]) == ("3", "3", "3")
    every = export(stored, "gdelt", tmp_path / "all.tsv", include_duplicates=True)
    assert every > n  # each report of it, with the same counts


def test_figures_line_up_and_the_same_day_disagreement_is_listed(stored):
    (claim,) = [c for c in _story(stored)["figures"] if c["object"] == "people"]
    assert [f["value"] for f in claim["figures"]] == [900.0, 1200.0, 1243.0]
    (disagreement,) = claim["disagreements"]
    # 900 and "more than 1,200" on one day disagree; 1,243 the next day is the toll rising.
    assert {disagreement["first"]["value"], disagreement["second"]["value"]} == {900.0, 1200.0}


def test_a_quote_printed_by_three_outlets_is_one_quote(stored):
    quotes = _story(stored)["quotes"]
    (shared,) = [q for q in quotes if "end this war" in q["text"]]
    assert shared["speakers"] == ["Davor Hult"]
    assert {r[2] for r in shared["reports"]} == {"Harbor Wire", "Coast Times", "Valley Post"}


def test_the_proposal_gathers_its_stances_across_outlets(stored):
    (plan,) = _story(stored)["proposals"]
    assert plan["proposer"] == "Elin Marsk"
    assert len(plan["articles"]) == 3
    assert [p["n"] for p in plan["phases"]] == [1, 2, 3]
    outlets = {s["publisher"] for s in plan["stances"]}
    assert outlets == {"Harbor Wire", "Coast Times", "Valley Post"}
    dates = [s["date"] for s in plan["stances"]]
    assert dates == sorted(dates)
    front = next(p for p in plan["positions"] if p["actor"] == "Valley Front")
    assert front["moves"] == ["rejects"]


def test_stories_and_stances_tables(stored, tmp_path):
    assert export(stored, "csv", tmp_path / "stories.csv", "stories") == 2
    stories = pd.read_csv(tmp_path / "stories.csv")
    assert sorted(stories["articles"]) == [1, 3]
    export(stored, "csv", tmp_path / "stances.csv", "stances")
    stances = pd.read_csv(tmp_path / "stances.csv")
    assert set(stances["stance"]) >= {"rejects", "supports"}
    assert stances["story_id"].nunique() == 1


def test_grouping_is_deterministic_order_free_here_and_regroup_agrees(db_url, extracted, tmp_path):
    """The same input in the same order (in any batch size) makes the same stories; this
    story also forms in the reverse order; regrouping the stored corpus agrees."""
    first = _ingest(db_url, extracted, batch=1)
    groups = sorted(map(sorted, _groups(first).values()))
    again = _ingest(f"sqlite:///{tmp_path / 'again.db'}", extracted, batch=4)
    assert sorted(map(sorted, _groups(again).values())) == groups
    backwards = _ingest(f"sqlite:///{tmp_path / 'back.db'}", extracted[::-1])
    assert sorted(map(sorted, _groups(backwards).values())) == groups
    regroup(first)
    assert sorted(map(sorted, _groups(first).values())) == groups
    assert len(_story(first)["story_events"]) == len(_story(again)["story_events"])
    for store in (first, again, backwards):
        store.close()


def test_a_rewrite_joins_its_original_story_and_reprocessing_keeps_stories(db_url, extracted):
    store = _ingest(db_url, extracted)
    harbor = extracted[0].article
    rewrite = dict(harbor, text=harbor["text"].replace("Monday", "Monday morning", 1))
    from dateline.pipeline import article_id

    rewrite["id"] = article_id(rewrite["text"])
    rewrite["entities"] = []  # offsets no longer hold; the text is what links it
    rewrite["events"] = rewrite["quotes"] = rewrite["amounts"] = []
    rewrite["proposals"] = rewrite["stances"] = []
    item = Extracted(rewrite, "rewrite (harbor-2)", dedup.signature(rewrite["text"]))
    store.write([item], "test", after=after_write)
    groups = _groups(store)
    story = next(g for g in groups.values() if "harbor-1" in g)
    assert "harbor-2" in story
    before = groups
    store.write(extracted[:2], "test-2", after=after_write)  # re-extracted: replaced in place
    assert _groups(store) == before
    assert _story(store)["story_events"]
    store.close()
