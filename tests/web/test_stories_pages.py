"""Stories in `dateline serve` (issue 14): the list and one story as pages and JSON, on the
web corpus (the seed and its rewrite form one story; the examples are stories of their own)."""

from __future__ import annotations

from tests.conftest import SEED as SEED_PATH

SEED = SEED_PATH.name


def test_stories_api_lists_stories_with_their_articles(client, ids):
    body = client.get("/api/stories", params={"size": 100}).json()
    assert body["total"] == len(body["items"])
    seed_story = next(s for s in body["items"] if ids[SEED] in s["articles"])
    assert ids["seed-rewrite.md"] in seed_story["articles"]
    assert set(seed_story) == {"id", "title", "first", "last", "articles", "outlets", "events"}
    several = client.get("/api/stories", params={"min_articles": 2}).json()["items"]
    assert [s["id"] for s in several] == [seed_story["id"]]
    assert client.get("/api/stories", params={"since": "2024-13"}).status_code == 422


def test_one_story_as_json_counts_the_rewrite_once_per_event(client, ids):
    story_id = client.get(f"/api/articles/{ids[SEED]}/story").json()["story_id"]
    view = client.get(f"/api/stories/{story_id}").json()
    assert {m["id"] for m in view["members"]} == {ids[SEED], ids["seed-rewrite.md"]}
    assert len(view["story_events"]) < view["article_events"]
    blamed = [e for e in view["story_events"] if e["type"] == "ACCUSE"]
    assert blamed and blamed[0]["articles"] == 2
    (proposal,) = view["proposals"]
    assert proposal["proposer"] == "Joe Biden" and len(proposal["phases"]) == 3
    assert {s["stance"] for s in proposal["stances"]} >= {"supports", "rejects", "conditional"}
    by_prefix = client.get(f"/api/stories/{story_id[:10]}").json()
    assert by_prefix["id"] == story_id
    assert client.get("/api/stories/nothing-like-it").status_code == 404


def test_story_page_and_links_from_its_articles(client, ids):
    story_id = client.get(f"/api/articles/{ids[SEED]}/story").json()["story_id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert 'id="story-events"' in page.text and "Joe Biden" in page.text
    assert f'href="/articles/{ids["seed-rewrite.md"]}"' in page.text
    article = client.get(f"/articles/{ids[SEED]}").text
    assert f'href="/stories/{story_id}"' in article
    assert 'id="proposal-list"' in article
    listing = client.get("/stories").text
    assert f'href="/stories/{story_id}"' in listing
    assert client.get("/stories/nothing-like-it").status_code == 404
