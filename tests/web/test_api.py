"""The JSON API and the pages over a corpus built from examples/, the seed and fixtures."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export.columns import EVENTS
from tests.web.corpus import XSS_HEADLINE, XSS_QUOTE_WORDS

pytestmark = pytest.mark.slow  # the corpus is built with the spaCy pipeline
SEED = "000_3d4d97d3557609bd.txt"


def test_corpus_counts_chart_and_top_actors(client, web_store):
    body = client.get("/api/corpus").json()
    assert body["counts"] == web_store.counts()
    chart = body["chart"]
    charted = sum(sum(values) for values in chart["series"].values())
    assert charted == body["matching_events"] == body["counts"]["events"]
    assert set(chart["series"]) == {
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    }
    assert body["top_actors"][0]["name"] == "Antony Blinken"
    ranks = [a["events_as_recipient"] for a in body["top_recipients"]]
    assert ranks == sorted(ranks, reverse=True)
    filtered = client.get("/api/corpus", params={"type": "ACCUSE"}).json()
    assert 0 < filtered["matching_events"] < body["matching_events"]
    assert set(filtered["chart"]["series"]) >= {"verbal conflict"}
    assert sum(filtered["chart"]["series"]["verbal conflict"]) == filtered["matching_events"]


def test_events_api_gives_the_rows_of_dateline_events(client, corpus_db):
    url, _ = corpus_db
    cli = CliRunner().invoke(
        app, ["events", "--db", url, "--actor", "Blinken", "-f", "json", "--limit", "200"]
    )
    from_cli = [json.loads(line) for line in cli.output.splitlines() if line.startswith("{")]
    body = client.get("/api/events", params={"actor": "Blinken", "size": 200}).json()
    assert body["total"] == len(from_cli) == len(body["items"]) > 5
    keys = [(r["article_id"], r["event_id"]) for r in body["items"]]
    assert keys == [(r["article_id"], r["event_id"]) for r in from_cli]


def test_events_are_paged_and_downloads_hold_exactly_the_page(client):
    first = client.get("/api/events", params={"size": 10}).json()
    second = client.get("/api/events", params={"size": 10, "page": 2}).json()
    assert first["total"] == second["total"] and first["pages"] == -(-first["total"] // 10)
    assert len(first["items"]) == 10
    ids = {(r["article_id"], r["event_id"]) for r in first["items"]}
    assert not ids & {(r["article_id"], r["event_id"]) for r in second["items"]}
    response = client.get("/api/events", params={"size": 10, "page": 2, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [c.name for c in EVENTS]
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in second["items"]]


def test_events_page_links_each_row_to_its_sentence_and_downloads(client):
    page = client.get("/events", params={"type": "ACCUSE", "size": 5}).text
    assert "/api/events?type=ACCUSE&amp;page=1&amp;size=5&amp;format=csv" in page
    assert page.count('class="evidence" href="/articles/') >= 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "BOMB"}, "type: 'BOMB' is neither a PLOVER type"),
        ({"since": "2024-13"}, "since: '2024-13' is not a date"),
        ({"until": "yesterday"}, "until: 'yesterday' is not a date"),
        ({"country": "Israel"}, "country: 'Israel' is not an ISO 3166 alpha-3 code"),
        ({"size": 201}, "size: Input should be less than or equal to 200"),
        ({"page": 0}, "page: Input should be greater than or equal to 1"),
    ],
)
def test_bad_parameters_get_a_422_that_names_them(client, params, message):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(message)
    page = client.get("/events", params=params)
    assert page.status_code == 422 and message.split(":")[0] in page.text
    assert "Traceback" not in page.text


def test_unknown_ids_and_paths_are_404(client):
    assert client.get("/api/articles/0000").status_code == 404
    assert client.get("/api/articles/0000").json() == {"detail": "no article with id '0000'"}
    page = client.get("/articles/0000")
    assert page.status_code == 404 and "no article with id" in page.text
    assert client.get("/nowhere").status_code == 404


def test_article_record_and_its_story(client, web_store, ids):
    record = client.get(f"/api/articles/{ids[SEED]}").json()
    assert record == web_store.article(ids[SEED]).model_dump()
    story = client.get(f"/api/articles/{ids['seed-rewrite.md']}/story").json()
    assert story["story_id"] == ids[SEED]
    assert [a["id"] for a in story["items"]] == [ids[SEED]]
    page = client.get(f"/articles/{ids[SEED]}").text
    assert f'href="/articles/{ids["seed-rewrite.md"]}"' in page  # same story, other copy


def test_actor_view_counts_and_counterparts(client):
    body = client.get("/api/actors/Antony Blinken").json()
    match = body["matches"][0]
    assert match["name"] == "Antony Blinken" and match["actor_code"] == "USAGOV"
    assert sum(body["timeline"]["series"]["as actor"]) == match["events_as_actor"]
    assert "Benny Gantz" in {c["name"] for c in body["acts_on"]}
    assert all(q["speaker"] == "Antony Blinken" for q in body["quotes"])
    by_code = client.get("/api/actors", params={"who": "ISR", "order": "events_as_recipient"})
    items = by_code.json()["items"]
    assert items and all(a["actor_code"].startswith("ISR") for a in items)
    assert client.get("/api/actors", params={"order": "fame"}).status_code == 422


def test_quotes_and_search(client, ids):
    quotes = client.get("/api/quotes", params={"speaker": "Hamas", "size": 100}).json()
    assert quotes["total"] == len(quotes["items"]) > 0
    assert {q["speaker"] for q in quotes["items"]} == {"Hamas"}
    hits = client.get("/api/search", params={"q": "ceasefire"}).json()["items"]
    assert hits and all("[" in h["snippet"] for h in hits)
    assert ids[SEED] in {h["article_id"] for h in hits}
    page = client.get("/search", params={"q": "ceasefire"}).text
    assert "<mark>" in page.lower() and f"/articles/{ids[SEED]}" in page


def test_read_returns_a_record_and_stores_nothing(client, web_store):
    before = web_store.counts()
    text = (
        "OSLO, March 3 (Test Wire) - Norway's foreign minister Kari Lunde met her Kenyan "
        "counterpart in Oslo on Monday. Kenya accused the shipping company of delaying "
        "grain deliveries, Lunde said."
    )
    response = client.post("/api/read", json={"text": text, "published": "2025-03-04"})
    assert response.status_code == 200
    record = response.json()
    assert record["schema"] == "dateline/1" and record["text"].startswith("OSLO")
    assert {e["type"] for e in record["events"]} >= {"CONSULT", "ACCUSE"}
    assert web_store.counts() == before
    too_short = client.post("/api/read", json={"text": "Hello there."})
    assert too_short.status_code == 422 and "not an article" in too_short.json()["detail"]
    assert client.post("/api/read", json={"text": ""}).status_code == 422


def test_oversized_bodies_get_a_413_with_or_without_a_length(client):
    big = {"text": "word " * 20_000}  # over the 50 kB cap the test app runs with
    response = client.post("/api/read", json=big)
    assert response.status_code == 413 and "limit is 50,000 bytes" in response.json()["detail"]

    def chunks():  # no Content-Length: the cap must still hold
        for _ in range(20):
            yield b"x" * 5_000

    streamed = client.post(
        "/api/read", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    form = client.post("/read", data={"text": "word " * 20_000})
    assert form.status_code == 413 and "too large" in form.text


def test_security_headers_and_no_foreign_assets(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs").text
    assert "https://" not in docs and "<script>" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/articles/{article_id}", "/api/read", "/api/search"} <= set(paths)


def test_untrusted_text_is_escaped_in_every_page(client, ids):
    article = client.get(f"/articles/{ids['xss.json']}").text
    for payload in ("<script>window.__xss", "<img src=x", "<svg onload", '<a href="javascript'):
        assert payload not in article
    assert "&lt;script&gt;window.__xss=&#39;headline&#39;&lt;/script&gt;" in article
    assert 'href="javascript:' not in article  # the stored URL is shown, not linked
    for path in ("/", "/events?type=ACCUSE", "/search?q=harbour", "/actors/Okafor"):
        body = client.get(path).text
        assert "<script>window" not in body and "<img src=x" not in body, path
        assert "<svg onload" not in body, path
    api = client.get(f"/api/articles/{ids['xss.json']}").json()
    assert api["meta"]["headline"] == XSS_HEADLINE
    assert any(XSS_QUOTE_WORDS in q["text"] for q in api["quotes"])


def test_the_served_store_refuses_writes(web_store):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError), web_store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles"))
